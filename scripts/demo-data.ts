// Demo data for `npm start`: one clinic, its people, two patients with care teams, and two upcoming sessions.
// Seeded once into an empty database; the sign-ins are printed at every start.
import type { Discipline } from '../shared/enums'
import * as accountsStore from '../server/accounts/store'
import { hashPassword } from '../server/accounts/password'
import * as audit from '../server/audit/service'
import type { Deps } from '../server/deps'
import * as patientsStore from '../server/patients/store'
import * as sessionsStore from '../server/sessions/store'

export type DemoSignIn = { email: string; password: string; description: string }

const PASSWORD = 'demo-care-team-2026'

const people: {
  key: string
  email: string
  displayName: string
  discipline: Discipline
  role: 'admin' | 'clinician'
  description: string
}[] = [
  {
    key: 'admin',
    email: 'admin@demo.clinic',
    displayName: 'Alex Morgan',
    discipline: 'primary_care',
    role: 'admin',
    description: 'clinic admin (primary care)',
  },
  {
    key: 'gp',
    email: 'dr.okafor@demo.clinic',
    displayName: 'Dr Ngozi Okafor',
    discipline: 'primary_care',
    role: 'clinician',
    description: 'primary care',
  },
  {
    key: 'psych',
    email: 'sam.lindqvist@demo.clinic',
    displayName: 'Sam Lindqvist',
    discipline: 'sex_therapy',
    role: 'clinician',
    description: 'sex therapy',
  },
  {
    key: 'uro',
    email: 'dr.haddad@demo.clinic',
    displayName: 'Dr Rami Haddad',
    discipline: 'urology',
    role: 'clinician',
    description: 'urology',
  },
  {
    key: 'nav',
    email: 'jo.tanaka@demo.clinic',
    displayName: 'Jo Tanaka',
    discipline: 'care_navigation',
    role: 'clinician',
    description: 'care navigator',
  },
]

export const demoSignIns: DemoSignIn[] = people.map((p) => ({
  email: p.email,
  password: PASSWORD,
  description: p.description,
}))

export async function seedDemo(deps: Deps): Promise<DemoSignIn[]> {
  if (await accountsStore.findClinicianByEmail(deps.db, people[0]!.email)) return demoSignIns
  const passwordHash = await hashPassword(PASSWORD)
  const system = { kind: 'system' } as const
  await deps.db.transaction(async (tx) => {
    const clinic = await accountsStore.insertClinic(tx, 'Riverside Integrated Care (demo)')
    const ids: Record<string, string> = {}
    for (const p of people) {
      const row = await accountsStore.insertClinician(tx, {
        clinicId: clinic.id,
        email: p.email,
        displayName: p.displayName,
        discipline: p.discipline,
        role: p.role,
        passwordHash,
      })
      ids[p.key] = row.id
      await audit.record(tx, system, 'accounts.clinician_created', {
        subjectKind: 'clinician',
        subjectId: row.id,
        detail: { seed: 'demo' },
      })
    }
    const id = (key: string) => ids[key]!

    const riley = await patientsStore.insertPatient(tx, {
      clinicId: clinic.id,
      displayName: 'Riley Chen',
      dateOfBirth: '1986-03-14',
      email: 'riley@example.org',
    })
    await patientsStore.replaceCareTeam(tx, riley.id, [
      { clinicianId: id('gp'), isCareNavigator: false },
      { clinicianId: id('psych'), isCareNavigator: false },
      { clinicianId: id('uro'), isCareNavigator: false },
      { clinicianId: id('nav'), isCareNavigator: true },
    ])
    const morgan = await patientsStore.insertPatient(tx, {
      clinicId: clinic.id,
      displayName: 'Morgan Ellis',
      dateOfBirth: '1979-11-02',
      email: null,
    })
    await patientsStore.replaceCareTeam(tx, morgan.id, [
      { clinicianId: id('gp'), isCareNavigator: false },
      { clinicianId: id('psych'), isCareNavigator: false },
      { clinicianId: id('nav'), isCareNavigator: true },
    ])
    for (const p of [riley, morgan]) {
      await audit.record(tx, system, 'patients.created', {
        subjectKind: 'patient',
        subjectId: p.id,
        patientId: p.id,
        detail: { seed: 'demo' },
      })
    }

    const tomorrow = new Date(deps.clock().getTime() + 24 * 3600 * 1000)
    tomorrow.setUTCHours(15, 0, 0, 0)
    const huddle = await sessionsStore.insertSession(tx, {
      clinicId: clinic.id,
      kind: 'case_conference',
      patientId: morgan.id,
      startsAt: tomorrow,
      durationMinutes: 30,
      agenda: 'Review screening results and agree who leads each part of the plan.',
      createdBy: id('gp'),
    })
    await sessionsStore.insertParticipants(tx, [
      {
        sessionId: huddle.id,
        role: 'host',
        clinicianId: id('gp'),
        displayName: 'Dr Ngozi Okafor',
        discipline: 'primary_care',
      },
      {
        sessionId: huddle.id,
        role: 'clinician',
        clinicianId: id('psych'),
        displayName: 'Sam Lindqvist',
        discipline: 'sex_therapy',
      },
      {
        sessionId: huddle.id,
        role: 'clinician',
        clinicianId: id('nav'),
        displayName: 'Jo Tanaka',
        discipline: 'care_navigation',
      },
    ])
    const joint = await sessionsStore.insertSession(tx, {
      clinicId: clinic.id,
      kind: 'joint_session',
      patientId: riley.id,
      startsAt: new Date(tomorrow.getTime() + 2 * 3600 * 1000),
      durationMinutes: 45,
      agenda:
        'Joint review with Riley: goals for the next 12 weeks, medication options, next steps.',
      createdBy: id('gp'),
    })
    await sessionsStore.insertParticipants(tx, [
      {
        sessionId: joint.id,
        role: 'host',
        clinicianId: id('gp'),
        displayName: 'Dr Ngozi Okafor',
        discipline: 'primary_care',
      },
      {
        sessionId: joint.id,
        role: 'clinician',
        clinicianId: id('psych'),
        displayName: 'Sam Lindqvist',
        discipline: 'sex_therapy',
      },
      {
        sessionId: joint.id,
        role: 'clinician',
        clinicianId: id('uro'),
        displayName: 'Dr Rami Haddad',
        discipline: 'urology',
      },
      {
        sessionId: joint.id,
        role: 'clinician',
        clinicianId: id('nav'),
        displayName: 'Jo Tanaka',
        discipline: 'care_navigation',
      },
      {
        sessionId: joint.id,
        role: 'patient',
        displayName: 'Riley Chen',
        email: 'riley@example.org',
      },
    ])
    for (const s of [huddle, joint]) {
      await audit.record(tx, system, 'sessions.scheduled', {
        subjectKind: 'session',
        subjectId: s.id,
        patientId: s.patientId,
        detail: { seed: 'demo' },
      })
    }
  })
  deps.log.info('seeded demo data')
  return demoSignIns
}
