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

export const insertFailedAttempt = (
  db: Queryable,
  kind: AttemptKind,
  key: string,
  ip: string | null,
  at: Date
) => db.insert(failedAttempts).values({ kind, key, ip, at })

export async function countRecentFailures(
  db: Queryable,
  kind: AttemptKind,
  key: string,
  ip: string | null,
  since: Date
) {
  const recent = (...where: SQL[]) =>
    db
      .select({ n: count() })
      .from(failedAttempts)
      .where(and(eq(failedAttempts.kind, kind), gt(failedAttempts.at, since), ...where))
  const [byKey] = await recent(eq(failedAttempts.key, key))
  const [byIp] = ip ? await recent(eq(failedAttempts.ip, ip)) : [{ n: 0 }]
  return { byKey: byKey?.n ?? 0, byIp: byIp?.n ?? 0 }
}
