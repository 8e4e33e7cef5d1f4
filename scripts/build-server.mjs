// Compiles the server to plain JavaScript for the production image (scripts/Dockerfile): one ESM file,
// dist/server/main.js, with npm packages left as imports, run by `node` without a TypeScript loader.
// Modules that find files next to themselves (migrations, dist/web, .tools) use import.meta.url; in one bundle every
// module would share the bundle's URL, so each source's import.meta.url is rewritten to its own source path,
// relative to the bundle: the same relative paths then hold in the image and in the repository.
import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, 'dist/server')

/** @type {import('esbuild').Plugin} */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const source = await readFile(args.path, 'utf8')
      const relative = path.relative(outdir, args.path).split(path.sep).join('/')
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`
        ),
        loader: 'ts',
      }
    })
  },
}

await build({
  stdin: {
    // main.ts runs main() only when it is the script Node was started with; here the bundle is.
    contents: "import { main } from './server/main.ts'\nvoid main()\n",
    resolveDir: root,
    sourcefile: 'start.ts',
    loader: 'ts',
  },
  outfile: path.join(outdir, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [ownImportMetaUrl],
})
