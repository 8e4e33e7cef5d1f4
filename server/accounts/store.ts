import { and, asc, count, eq, gt, isNull, type SQL, sql } from 'drizzle-orm'
import type { Queryable } from '../db/client'
import { authSessions, clinicians, clinics, failedAttempts } from './tables'

export async function findClinicianByEmail(db: Queryable, email: string) {
  const [row] = await db
    .select()
    .from(clinicians)
    .where(sql`lower(${clinicians.email}) = ${email.toLowerCase()}`)
  return row
}

export async function findClinician(db: Queryable, clinicId: string, id: string) {
  const [row] = await db
    .select()
    .from(clinicians)
    .where(and(eq(clinicians.id, id), eq(clinicians.clinicId, clinicId)))
  return row
}

export const listClinicians = (db: Queryable, clinicId: string) =>
  db
    .select()
    .from(clinicians)
    .where(eq(clinicians.clinicId, clinicId))
    .orderBy(asc(clinicians.displayName))

export async function insertClinician(db: Queryable, values: typeof clinicians.$inferInsert) {
  const [row] = await db.insert(clinicians).values(values).returning()
  return row!
}

export async function updateClinician(
  db: Queryable,
  id: string,
  values: Partial<
    Pick<typeof clinicians.$inferInsert, 'displayName' | 'discipline' | 'role' | 'active'>
  >,
  at: Date
) {
  const [row] = await db
    .update(clinicians)
    .set({ ...values, updatedAt: at })
    .where(eq(clinicians.id, id))
    .returning()
  return row
}

export async function insertClinic(db: Queryable, name: string) {
  const [row] = await db.insert(clinics).values({ name }).returning()
  return row!
}

export async function insertAuthSession(db: Queryable, values: typeof authSessions.$inferInsert) {
  const [row] = await db.insert(authSessions).values(values).returning()
  return row!
}

export async function findOpenAuthSession(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select({ session: authSessions, clinician: clinicians })
    .from(authSessions)
    .innerJoin(clinicians, eq(clinicians.id, authSessions.clinicianId))
    .where(and(eq(authSessions.tokenHash, tokenHash), isNull(authSessions.endedAt)))
  return row
}

export async function markAuthSessionEnded(db: Queryable, id: string, at: Date) {
  const rows = await db
    .update(authSessions)
    .set({ endedAt: at })
    .where(and(eq(authSessions.id, id), isNull(authSessions.endedAt)))
    .returning({ id: authSessions.id })
  return rows.length > 0
}

export const touchAuthSession = (db: Queryable, id: string, at: Date) =>
  db.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, id))

export const endAllAuthSessions = (db: Queryable, clinicianId: string, at: Date) =>
  db
    .update(authSessions)
    .set({ endedAt: at })
    .where(and(eq(authSessions.clinicianId, clinicianId), isNull(authSessions.endedAt)))

export type AttemptKind = (typeof failedAttempts.$inferInsert)['kind']

/** The network an address belongs to (IPv4 /24, IPv6 /64): a person's other devices at home share it, an attacker
 * elsewhere does not. */
const networkOf = (ip: SQL | string) =>
  sql`network(set_masklen(${ip}::inet, case when family(${ip}::inet) = 4 then 24 else 64 end))`

/** Serialises attempts on one key (and one address) until the transaction ends, so counting and reserving are one
 * step: parallel requests cannot all read the same count. Always key first, then address (one order, no deadlock). */
export async function lockAttempts(
  db: Queryable,
  kind: AttemptKind,
  key: string,
  ip: string | null
) {
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`attempts:${kind}:key:${key}`}, 0))`
  )
  if (ip !== null)
    await db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`attempts:${kind}:ip:${ip}`}, 0))`
    )
}

export async function insertAttempt(
  db: Queryable,
  values: { kind: AttemptKind; key: string; ip: string | null; at: Date }
) {
  const [row] = await db.insert(failedAttempts).values(values).returning({ id: failedAttempts.id })
  return row!.id
}

export const rekeyAttempt = (db: Queryable, id: string, key: string) =>
  db.update(failedAttempts).set({ key }).where(eq(failedAttempts.id, id))

export const deleteAttempt = (db: Queryable, id: string) =>
  db.delete(failedAttempts).where(eq(failedAttempts.id, id))

/** Recent attempts (failed or still being checked) for a key: in all, from the caller's network, and from the
 * caller's address for any key. */
export async function countRecentAttempts(
  db: Queryable,
  kind: AttemptKind,
  key: string,
  ip: string | null,
  since: Date
) {
  const recent = async (...where: (SQL | undefined)[]) => {
    const [row] = await db
      .select({ n: count() })
      .from(failedAttempts)
      .where(and(eq(failedAttempts.kind, kind), gt(failedAttempts.at, since), ...where))
    return row?.n ?? 0
  }
  const sameNetwork =
    ip === null
      ? isNull(failedAttempts.ip)
      : sql`${networkOf(sql`${failedAttempts.ip}`)} = ${networkOf(ip)}`
  return {
    byKey: await recent(eq(failedAttempts.key, key)),
    byKeyFromNetwork: await recent(eq(failedAttempts.key, key), sameNetwork),
    byIp: ip === null ? 0 : await recent(eq(failedAttempts.ip, ip)),
  }
}
