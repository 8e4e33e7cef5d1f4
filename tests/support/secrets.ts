// Finds a secret anywhere in the database: every text-like column of every table in the app's schema.
import type { TestApp } from './app'

/** `table.column` for each place one of `secrets` appears (as a substring, so links and bodies count too). */
export async function placesHolding(t: TestApp, secrets: string[]): Promise<string[]> {
  const columns = await t.owner.sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public'
      and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')`
  const found: string[] = []
  for (const { table_name, column_name } of columns) {
    for (const secret of secrets) {
      const [row] = await t.owner.sql<{ n: number }[]>`
        select count(*)::int as n from ${t.owner.sql(table_name)}
        where position(${secret} in ${t.owner.sql(column_name)}::text) > 0`
      if (row!.n > 0) found.push(`${table_name}.${column_name}`)
    }
  }
  return found
}
