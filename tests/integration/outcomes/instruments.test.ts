import { beforeAll, describe, expect, it } from 'vitest'
import { InstrumentSummary } from '../../../shared/outcomes'
import { z } from '../../../shared/zod'
import { startTestApp, type TestApp } from '../../support/app'
import { createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let adminCookie: string
let clinicianCookie: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  adminCookie = await signIn(t, await createClinician(t, clinicId, { role: 'admin' }))
  clinicianCookie = await signIn(t, await createClinician(t, clinicId))
})

const yesNo = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' },
]
const definition = {
  key: 'clinic_function',
  title: 'Clinic function scale',
  shortTitle: 'Function',
  items: [
    { id: 'f1', text: 'First question', options: yesNo },
    { id: 'f2', text: 'Second question', options: yesNo },
  ],
  bands: [
    { min: 0, max: 0, label: 'None' },
    { min: 1, max: 2, label: 'Some' },
  ],
  licence: 'Licensed to the clinic',
}
const post = (cookie: string, json: unknown) =>
  t.request('/api/instruments', { method: 'POST', cookie, json })

describe('importing a clinic instrument', () => {
  it('names every mistake in one answer and stores nothing', async () => {
    const res = await post(adminCookie, {
      ...definition,
      items: [definition.items[0], { ...definition.items[1], id: 'f1' }],
      bands: [{ min: 0, max: 1, label: 'Low' }],
    })
    expect(res.status).toBe(400)
    const { error } = (await res.json()) as { error: { message: string } }
    expect(error.message).toMatch(/2 problem\(s\)/)
    expect(error.message).toMatch(/Item id "f1" is used twice/)
    expect(error.message).toMatch(/must end at the highest possible total, 2/)
    const [row] = await t.owner.sql<
      { n: number }[]
    >`select count(*)::int as n from instrument_definitions`
    expect(row!.n).toBe(0)
  })

  it('lets an admin import a valid definition once per version, and refuses a built-in key', async () => {
    expect((await post(clinicianCookie, definition)).status).toBe(404)
    expect((await post(adminCookie, definition)).status).toBe(201)
    expect((await post(adminCookie, definition)).status).toBe(409)
    expect((await post(adminCookie, { ...definition, key: 'phq9' })).status).toBe(409)
    const list = z
      .array(InstrumentSummary)
      .parse(await (await t.request('/api/instruments', { cookie: clinicianCookie })).json())
    expect(list.filter((i) => !i.builtIn)).toEqual([
      { key: 'clinic_function', version: 1, title: 'Clinic function scale', builtIn: false },
    ])
  })
})
