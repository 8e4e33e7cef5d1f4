import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql as raw } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import { connect } from './client'

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations'
)

/** The login role the app runs as: it may read and write everything except change or delete audit rows. */
export const APP_ROLE = 'careteam_app'

/**
 * Applies pending migrations as the owner. When the owner may create roles (the embedded server always can),
 * also makes sure the restricted app role exists and returns its URL; otherwise the app runs as the owner and the
 * append-only triggers alone guard the audit trail.
 */
export async function migrateDatabase(
  ownerUrl: string,
  appRolePassword?: string
): Promise<{ appUrl: string }> {
  const owner = connect(ownerUrl, { max: 1 })
  try {
    // Two instances starting at once must not both migrate. The pool has one connection, so the lock covers it.
    await owner.db.execute(raw`select pg_advisory_lock(7243001)`)
    try {
      await migrate(owner.db, { migrationsFolder })
    } finally {
      await owner.db.execute(raw`select pg_advisory_unlock(7243001)`)
    }
    if (!appRolePassword) return { appUrl: ownerUrl }
    const [me] = await owner.sql<{ can: boolean }[]>`
      select (rolsuper or rolcreaterole) as can from pg_roles where rolname = current_user`
    if (!me?.can) return { appUrl: ownerUrl }
    await grantAppRole(owner.sql, appRolePassword)
    const url = new URL(ownerUrl)
    url.username = APP_ROLE
    url.password = appRolePassword
    return { appUrl: url.toString() }
  } finally {
    await owner.close()
  }
}

async function grantAppRole(sql: ReturnType<typeof connect>['sql'], password: string) {
  const exists = await sql`select 1 from pg_roles where rolname = ${APP_ROLE}`
  const pw = sql.unsafe(`'${password.replace(/'/g, "''")}'`)
  if (exists.length === 0) await sql`create role ${sql(APP_ROLE)} login password ${pw}`
  else await sql`alter role ${sql(APP_ROLE)} login password ${pw}`
  await sql`grant usage on schema public to ${sql(APP_ROLE)}`
  await sql`grant select, insert, update, delete on all tables in schema public to ${sql(APP_ROLE)}`
  await sql`grant usage, select on all sequences in schema public to ${sql(APP_ROLE)}`
  await sql`revoke update, delete, truncate on audit_events from ${sql(APP_ROLE)}`
  // Readiness checks which migrations are applied; the app may read that list, never change it.
  await sql`grant usage on schema drizzle to ${sql(APP_ROLE)}`
  await sql`grant select on all tables in schema drizzle to ${sql(APP_ROLE)}`
}
