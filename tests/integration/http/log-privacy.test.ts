// An unexpected database error carrying personal data: the log names the error's class, its SQLSTATE and the
// request, and holds none of the data (not the query's parameters, not PostgreSQL's message, not a stack).
import { beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../../server/log'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let cookie: string
let patientId: string
const lines: string[] = []

beforeAll(async () => {
  t = await startTestApp({}, { log: createLogger('debug', (line) => lines.push(line)) })
  const clinicId = (await createClinic(t)).id
  const admin = await createClinician(t, clinicId, { role: 'admin' })
  patientId = (await createCareTeam(t, clinicId, [admin])).id
  cookie = await signIn(t, admin)
  // Fail every new patient and clinician, quoting the row's personal data in PostgreSQL's own message.
  await t.owner.sql.unsafe(`
    create function refuse_person() returns trigger language plpgsql as $$
    begin
      raise exception 'refused % %', new.display_name, new.email using errcode = 'XX001';
    end $$;
    create trigger refuse_patient before insert or update on patients
      for each row execute function refuse_person();
    create trigger refuse_clinician before insert on clinicians
      for each row execute function refuse_person();`)
})

describe('an unexpected error', () => {
  it('logs its class, SQLSTATE and request id, and no personal data', async () => {
    const person = {
      displayName: 'Zebedee Quixote-Marchbanks',
      dateOfBirth: '1961-07-19',
      email: 'zebedee.quixote@private.example',
    }
    const created = await t.request('/api/patients', { method: 'POST', cookie, json: person })
    const changed = await t.request(`/api/patients/${patientId}`, {
      method: 'PATCH',
      cookie,
      json: { displayName: 'Ottoline Verisimilitude' },
    })
    const account = await t.request('/api/clinicians', {
      method: 'POST',
      cookie,
      json: {
        email: 'ottoline.v@private.example',
        displayName: 'Ottoline Verisimilitude',
        discipline: 'nursing',
        password: 'Correct-Battery-Staple-9071',
      },
    })
    for (const res of [created, changed, account]) {
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({
        error: { code: 'internal', message: expect.any(String) },
      })
    }

    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    const unhandled = errors.filter((e) => e.msg === 'unhandled error')
    expect(unhandled).toHaveLength(3)
    for (const e of unhandled)
      expect(e).toEqual({
        t: expect.any(String),
        level: 'error',
        msg: 'unhandled error',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        errorClass: expect.any(String),
        sqlState: 'XX001',
      })

    const output = lines.join('\n')
    for (const secret of [
      'Zebedee',
      'Quixote',
      '1961-07-19',
      'zebedee.quixote',
      'Ottoline',
      'Verisimilitude',
      'ottoline.v',
      'Correct-Battery',
      '$argon2id$',
      'refused',
      'insert into',
      '    at ',
    ])
      expect(output).not.toContain(secret)
  })
})
