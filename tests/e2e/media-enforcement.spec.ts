// Removal and withdrawal enforced at the media server: a person put out of the call who comes straight back with the
// LiveKit token they still hold (from a client nobody on the project wrote: plain livekit-client in the media
// harness) is put out again and is shown no frame of the host's video, which the app's own call page publishes.
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from '@playwright/test'
import { serveMediaHarness } from './harness/serve-harness'
import type {} from './harness/media' // declares window.harness
import { closeContextsAfterEach, gp, joinFromDeviceCheck, person, riley, signIn } from './steps'

closeContextsAfterEach()

const ok = async (res: Promise<import('@playwright/test').APIResponse>) => {
  const r = await res
  if (!r.ok()) throw new Error(`${r.url()} → ${r.status()} ${await r.text()}`)
  return r
}

/** A personal link exchanged in its own request context, as that person's device. */
async function guest(baseURL: string, sessionId: string, url: string, dateOfBirth?: string) {
  const ctx = await playwrightRequest.newContext({ baseURL })
  await ok(
    ctx.post('/api/invitations/exchange', {
      data: { sessionId, secret: new URL(url).hash.slice(1), dateOfBirth },
    })
  )
  return ctx
}

async function answer(ctx: APIRequestContext, sessionId: string, body: Record<string, unknown>) {
  const overview = (await (await ok(ctx.get(`/api/sessions/${sessionId}/consent`))).json()) as {
    pending: { id: string }[]
  }
  await ok(
    ctx.post(`/api/sessions/${sessionId}/consent`, {
      data: { templateId: overview.pending[0]!.id, decision: 'given', ...body },
    })
  )
}

test.describe('media enforcement', () => {
  test(
    'after a removal and after a withdrawal, the old LiveKit token yields no frame and is put out again',
    { tag: ['@security', '@video'] },
    async ({ browser, baseURL }) => {
      test.setTimeout(180_000)
      const harness = await serveMediaHarness()
      try {
        const host = await person(browser)
        await signIn(host.page, gp.email)
        const api = host.page.request
        const patients = (await (await ok(api.get('/api/patients'))).json()) as {
          id: string
          displayName: string
        }[]
        const specialists = ['Dr Removed', 'Dr Withdrawn'].map((displayName, i) => ({
          displayName,
          email: `s${i}@example.org`,
          discipline: 'urology',
        }))
        const scheduled = (await (
          await ok(
            api.post('/api/sessions', {
              data: {
                kind: 'joint_session',
                patientId: patients.find((p) => p.displayName === riley.name)!.id,
                startsAt: new Date(Date.now() + 60_000).toISOString(),
                durationMinutes: 45,
                invitePatient: true,
                specialists,
              },
            })
          )
        ).json()) as {
          session: { id: string; participants: { id: string; role: string }[] }
          links: { role: string; url: string; participantId: string; displayName: string }[]
        }
        const sid = scheduled.session.id
        const dob = `${riley.year}-0${riley.month}-${riley.day}`
        const patient = await guest(
          baseURL!,
          sid,
          scheduled.links.find((l) => l.role === 'patient')!.url,
          dob
        )
        const people = scheduled.links.filter((l) => l.role === 'specialist')
        await answer(patient, sid, {
          signature: riley.name,
          covers: scheduled.session.participants
            .filter((p) => p.role !== 'patient')
            .map((p) => ({ participantId: p.id, present: true, categories: [] })),
        })

        // The host is in the call through the app's own page, publishing camera and microphone.
        await host.page.goto(`/sessions/${sid}`)
        await host.page.getByRole('link', { name: 'Join', exact: true }).click()
        await joinFromDeviceCheck(host.page)
        await expect(host.page.getByRole('region', { name: 'Call controls' })).toBeVisible({
          timeout: 30_000,
        })

        const page = await (await browser.newContext()).newPage()
        await page.goto(harness.url)
        await page.waitForFunction(() => typeof window.harness !== 'undefined')

        const revocations: ((participantId: string) => Promise<unknown>)[] = [
          (participantId) =>
            ok(api.post(`/api/sessions/${sid}/removals`, { data: { participantId } })),
          (participantId) =>
            ok(
              patient.post(`/api/sessions/${sid}/consent/withdrawals`, {
                data: { scope: 'participant', participantId },
              })
            ),
        ]
        for (const [i, revoke] of revocations.entries()) {
          const link = people[i]!
          const them = await guest(baseURL!, sid, link.url)
          await answer(them, sid, { signature: link.displayName })
          await ok(them.post(`/api/sessions/${sid}/arrival`))
          await ok(
            api.post(`/api/sessions/${sid}/admissions`, {
              data: { participantId: link.participantId },
            })
          )
          const { url, token } = (await (
            await ok(them.post(`/api/sessions/${sid}/token`))
          ).json()) as { url: string; token: string }
          await page.evaluate(
            ([u, tk]) => window.harness.join(u!, tk!, { publish: false }),
            [url, token]
          )
          // While admitted, the host's video reaches them: the frame counter below can see frames.
          await expect
            .poll(() => page.evaluate(() => window.harness.framesShown()), { timeout: 30_000 })
            .toBeGreaterThan(0)

          await revoke(link.participantId)
          await expect
            .poll(() => page.evaluate(() => window.harness.lastDisconnect() !== null))
            .toBe(true)

          // Straight back with the same token: put out again, and shown nothing meanwhile.
          const refused = await page.evaluate(
            ([u, tk]) =>
              window.harness.join(u!, tk!, { publish: false }).then(
                () => false,
                () => true
              ),
            [url, token]
          )
          if (!refused)
            await expect
              .poll(() => page.evaluate(() => window.harness.lastDisconnect() !== null), {
                timeout: 5_000,
              })
              .toBe(true)
          expect(await page.evaluate(() => window.harness.framesShown())).toBe(0)
          await them.dispose()
        }
        await patient.dispose()
      } finally {
        await harness.close()
      }
    }
  )
})
