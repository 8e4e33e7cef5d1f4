// `npm start`'s first step: build the web client into dist/web only when its inputs changed since the last build.
// Plain JavaScript run by plain Node, so the check costs tens of milliseconds instead of a TypeScript loader's start.
// Inputs: everything under web/ and shared/, the lockfile, package.json and tsconfig.json. Their hashed contents are
// stored beside the build (dist/.web-inputs-sha256) after a successful build; `--force` always builds.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Outside dist/web, which the app serves and Vite empties on every build.
const stampFile = path.join(root, 'dist/.web-inputs-sha256')
const inputDirs = ['web', 'shared']
const inputFiles = ['package-lock.json', 'package.json', 'tsconfig.json']

/** A hash of every input file's path and contents, in a stable order. */
function inputsHash() {
  const list = [...inputFiles]
  for (const dir of inputDirs)
    for (const d of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true }))
      if (d.isFile() && !d.parentPath.includes('node_modules'))
        list.push(path.relative(root, path.join(d.parentPath, d.name)))
  const hash = createHash('sha256')
  for (const file of list.sort()) {
    const full = path.join(root, file)
    if (existsSync(full)) hash.update(file).update('\0').update(readFileSync(full)).update('\0')
  }
  return hash.digest('hex')
}

const current = inputsHash()
const built = existsSync(path.join(root, 'dist/web/index.html')) && existsSync(stampFile)
if (
  !process.argv.includes('--force') &&
  built &&
  readFileSync(stampFile, 'utf8').trim() === current
) {
  process.stderr.write('Web client unchanged since its last build (dist/web); not rebuilding.\n')
  process.exit(0)
}
const vite = path.join(root, 'node_modules/vite/bin/vite.js')
const res = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
  cwd: root,
  stdio: 'inherit',
})
if (res.status !== 0) process.exit(res.status ?? 1)
writeFileSync(stampFile, current + '\n')
