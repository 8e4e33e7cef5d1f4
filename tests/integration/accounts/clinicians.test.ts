import { beforeAll, describe, expect, it } from 'vitest'
import { Clinician } from '../../../shared/accounts'
import { startTestApp, type TestApp } from '../../support/app'
import { auditActions, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let clinicId: string
let adminCookie: string
let clinicianCookie: string
let adminId: string

const newClinician = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2, 8)}@test.clinic`,
  displayName: 'Dana Ruiz',
  discipline: 'pelvic_floor_physiotherapy',
  role: 'clinician',
  password: 'a-long-enough-password',
  ...overrides,
})

beforeAll(async () => {
  t = await startTestApp()
  clinicId = (await createClinic(t)).id
  const admin = await createClinician(t, clinicId, { role: 'admin' })
  adminId = admin.id
  adminCookie = await signIn(t, admin)
  clinicianCookie = await signIn(t, await createClinician(t, clinicId))
})

describe('account administration', () => {
  it('lets an admin create a clinician with a discipline and role, who can then sign in', async () => {
    const input = newClinician()
    const res = await t.request('/api/clinicians', {
      method: 'POST',
      cookie: adminCookie,
      json: input,
    })
    expect(res.status).toBe(201)
    const created = Clinician.parse(await res.json())
    expect(created).toMatchObject({
      displayName: 'Dana Ruiz',
      discipline: 'pelvic_floor_physiotherapy',
      role: 'clinician',
      active: true,
    })
    expect(await signIn(t, { email: input.email }, input.password)).toMatch(/^sid=/)
    expect((await auditActions(t, created.id)).map((a) => a.action)).toContain(
      'accounts.clinician_created'
    )
  })

  it('answers a non-admin as if the page did not exist', async () => {
    const list = await t.request('/api/clinicians', { cookie: clinicianCookie })
    const create = await t.request('/api/clinicians', {
      method: 'POST',
      cookie: clinicianCookie,
      json: newClinician(),
    })
    expect(list.status).toBe(404)
    expect(create.status).toBe(404)
    expect((await t.request('/api/clinicians')).status).toBe(401)
  })

  it('refuses a duplicate email without creating anything', async () => {
    const input = newClinician()
    expect(
      (await t.request('/api/clinicians', { method: 'POST', cookie: adminCookie, json: input }))
        .status
    ).toBe(201)
    const again = await t.request('/api/clinicians', {
      method: 'POST',
      cookie: adminCookie,
      json: { ...input, email: input.email.toUpperCase() },
    })
    expect(again.status).toBe(409)
    const rows = await t.owner.sql`select 1 from clinicians where lower(email) = ${input.email}`
    expect(rows).toHaveLength(1)
  })

  it('refuses fields a caller may not set (mass assignment), writing nothing', async () => {
    const input = newClinician({
      id: '00000000-0000-4000-8000-000000000000',
      passwordHash: 'x',
      clinicId: '00000000-0000-4000-8000-000000000001',
    })
    const res = await t.request('/api/clinicians', {
      method: 'POST',
      cookie: adminCookie,
      json: input,
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { code: 'invalid_input', message: expect.stringMatching(/passwordHash/) },
    })
    const rows = await t.owner.sql`select 1 from clinicians where email = ${input.email}`
    expect(rows).toHaveLength(0)
  })

  it('rejects a short password with a clear message', async () => {
    const res = await t.request('/api/clinicians', {
      method: 'POST',
      cookie: adminCookie,
      json: newClinician({ password: 'short' }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: 'password: Use at least 12 characters for the password.',
      },
    })
  })

  it('signs a deactivated clinician out everywhere at once', async () => {
    const target = await createClinician(t, clinicId)
    const cookie = await signIn(t, target)
    const res = await t.request(`/api/clinicians/${target.id}`, {
      method: 'PATCH',
      cookie: adminCookie,
      json: { active: false },
    })
    expect(res.status).toBe(200)
    expect(Clinician.parse(await res.json()).active).toBe(false)
    expect((await t.request('/api/me', { cookie })).status).toBe(401)
  })

  it('does not let an admin lock themselves out', async () => {
    const res = await t.request(`/api/clinicians/${adminId}`, {
      method: 'PATCH',
      cookie: adminCookie,
      json: { role: 'clinician' },
    })
    expect(res.status).toBe(409)
  })

  it('answers 404 for an account in another clinic, and 400 for a malformed id', async () => {
    const otherClinic = await createClinic(t, 'Elsewhere')
    const stranger = await createClinician(t, otherClinic.id)
    const foreign = await t.request(`/api/clinicians/${stranger.id}`, {
      method: 'PATCH',
      cookie: adminCookie,
      json: { displayName: 'X' },
    })
    expect(foreign.status).toBe(404)
    const malformed = await t.request('/api/clinicians/not-a-uuid', {
      method: 'PATCH',
      cookie: adminCookie,
      json: { displayName: 'X' },
    })
    expect(malformed.status).toBe(400)
  })
})
