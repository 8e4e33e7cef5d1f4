// Sessions end to end, through the UI only: scheduling, personal links, the device check, consent, the waiting room,
// admission by a host, the call over the real LiveKit, removal, ending and attendance.
import { randomBytes, randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import {
  answerConsentStep,
  closeContextsAfterEach,
  copyLinkFor,
  framesFrom,
  gp,
  hostJoinsTheCall,
  joinFromDeviceCheck,
  person,
  riley,
  sessionIdOf,
  sexTherapist,
  signIn,
} from './steps'

closeContextsAfterEach()

async function openScheduleForRiley(page: Page) {
  await page
    .getByRole('region', { name: 'My patients' })
    .getByRole('link', { name: /Riley Chen/ })
    .click()
  await page.getByRole('link', { name: 'Schedule a session' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule a session' })).toBeVisible()
}

/** Whether this page plays a live audio track from the named person. */
function hasAudioFrom(page: Page, name: string) {
  return page.evaluate((label) => {
    const video = document.querySelector<HTMLVideoElement>(
      `video[data-remote="true"][aria-label="${label}"]`
    )
    const tile = video?.closest('li')
    const audio = tile?.querySelector<HTMLAudioElement>('audio[data-remote="true"]')
    const stream = audio?.srcObject instanceof MediaStream ? audio.srcObject : null
    return Boolean(stream?.getAudioTracks().some((t) => t.readyState === 'live'))
  }, `Camera of ${name}`)
}

async function expectMediaFrom(page: Page, name: string) {
  // ICE, DTLS and the first keyframe take a moment after connecting; poll, never sleep.
  await expect.poll(() => framesFrom(page, name), { timeout: 30_000 }).toBeGreaterThan(0)
  await expect.poll(() => hasAudioFrom(page, name), { timeout: 30_000 }).toBe(true)
  // The element the first remote camera was attached to on arrival is its tile's now (call/first-video.ts). Read
  // once, not polled: one never taken is let go after 5 s, and a poll could outwait that.
  expect(await page.locator('video.first-video-held').count()).toBe(0)
}

test.describe('sessions', () => {
  test(
    'a joint session: link, date of birth, consent, waiting room, admission, call, removal, end, attendance',
    { tag: ['@video'] },
    async ({ browser }) => {
      test.setTimeout(180_000)
      const host = await person(browser)
      const patient = await person(browser)

      // The clinician schedules a joint session inviting the patient, and copies the patient's link.
      await signIn(host.page, gp.email)
      await openScheduleForRiley(host.page)
      await host.page.getByRole('radio', { name: /^Joint session/ }).check()
      await expect(host.page.getByRole('checkbox', { name: /Invite the patient/ })).toBeChecked()
      await host.page.getByLabel('Agenda').fill('Review goals together.')
      await host.page.getByRole('button', { name: 'Schedule session' }).click()
      await expect(
        host.page.getByRole('heading', { level: 1, name: 'Session scheduled' })
      ).toBeVisible()
      await expect(host.page.getByText('Each link is shown only once.')).toBeVisible()
      const link = await copyLinkFor(host.page, riley.name)

      // The patient opens it, confirms their date of birth, checks devices and waits.
      await patient.page.goto(link)
      await expect(
        patient.page.getByRole('heading', { level: 1, name: "Confirm it's you" })
      ).toBeVisible()
      // The secret left the address bar at once.
      expect(patient.page.url()).not.toContain('#')
      await patient.page.getByLabel('Day').fill(riley.day)
      await patient.page.getByLabel('Month').fill(riley.month)
      await patient.page.getByLabel('Year').fill(riley.year)
      await patient.page.getByRole('button', { name: 'Continue' }).click()
      await joinFromDeviceCheck(patient.page)
      await answerConsentStep(patient.page, riley.name)
      await expect(
        patient.page.getByRole('heading', { level: 1, name: 'Waiting room' })
      ).toBeVisible()
      const waiting = patient.page
        .getByRole('status')
        .filter({ hasText: 'Waiting for your care team to let you in' })
      await expect(waiting).toContainText('No host has arrived yet.')

      // The host joins and lets the patient in from the waiting room in the call.
      await host.page.getByRole('link', { name: 'Go to the session' }).click()
      await hostJoinsTheCall(host.page)
      // The host's lobby lists Riley at once, so the page may already say a host has seen them.
      await expect(waiting).toContainText(/A host is here\.|Your care team knows you are here\./)
      const lobby = host.page.getByRole('region', { name: /Waiting room/ })
      await lobby.getByRole('button', { name: `Admit ${riley.name}` }).click()

      // The patient's page moves on to the call by itself; both receive each other's camera and microphone.
      await expect(patient.page.getByRole('region', { name: 'Call controls' })).toBeVisible({
        timeout: 30_000,
      })
      await expectMediaFrom(host.page, riley.name)
      await expectMediaFrom(patient.page, gp.name)
      await expect(patient.page.getByRole('button', { name: 'Microphone' })).toHaveAttribute(
        'aria-pressed',
        'true'
      )

      // The host removes the patient, who cannot get back in, even after a reload.
      await host.page.getByRole('button', { name: `Remove ${riley.name}` }).click()
      const confirmRemove = host.page.getByRole('dialog', { name: `Remove ${riley.name}?` })
      await confirmRemove.getByRole('button', { name: 'Remove' }).click()
      await expect(confirmRemove).toBeHidden()
      await expect(
        patient.page.getByRole('heading', { name: 'A host removed you from this session.' })
      ).toBeVisible()
      await patient.page.reload()
      await expect(patient.page.getByText('A host removed you from this session.')).toBeVisible()
      await expect(patient.page.getByRole('region', { name: 'Call controls' })).toHaveCount(0)

      // The host ends the session; its page then shows who attended and for how long.
      await host.page.getByRole('button', { name: 'End session for everyone' }).click()
      await host.page
        .getByRole('dialog', { name: 'End the session for everyone?' })
        .getByRole('button', { name: 'End session' })
        .click()
      await expect(host.page.getByRole('heading', { name: 'The session has ended.' })).toBeVisible()
      await host.page.getByRole('link', { name: 'Session details and attendance' }).click()
      const attendance = host.page.getByRole('region', { name: 'Attendance' })
      await expect(async () => {
        await host.page.reload()
        for (const name of [gp.name, riley.name]) {
          const row = attendance.getByRole('row').filter({ hasText: name })
          await expect(row).toContainText(/\d+(\.\d)? min/, { timeout: 1_000 })
          await expect(row).not.toContainText('Did not join', { timeout: 1_000 })
        }
      }).toPass({ timeout: 30_000 })
      await expect(attendance.getByRole('row').filter({ hasText: gp.name })).toContainText(
        /Met|Not met/
      )
    }
  )

  test(
    'a case conference: an outside specialist by link and a colleague, let in together',
    { tag: ['@video'] },
    async ({ browser }) => {
      test.setTimeout(180_000)
      const host = await person(browser)
      const specialist = await person(browser)
      const colleague = await person(browser)
      const outside = { name: 'Dr Alex Vidal', email: 'alex.vidal@example.org' }

      // The host schedules a case conference with a colleague and an outside specialist.
      await signIn(host.page, gp.email)
      await openScheduleForRiley(host.page)
      await host.page.getByRole('radio', { name: /^Case conference/ }).check()
      await host.page
        .getByRole('combobox', { name: `${sexTherapist.name} in this session` })
        .selectOption('invited')
      await host.page.getByRole('button', { name: 'Add an outside specialist' }).click()
      const specialistFields = host.page.getByRole('group', { name: 'Outside specialist 1' })
      await specialistFields.getByLabel('Name', { exact: true }).fill(outside.name)
      await specialistFields.getByLabel('Email address').fill(outside.email)
      await specialistFields.getByLabel('Discipline').selectOption({ label: 'Urology' })
      await host.page.getByRole('button', { name: 'Schedule session' }).click()
      await expect(
        host.page.getByRole('heading', { level: 1, name: 'Session scheduled' })
      ).toBeVisible()
      const link = await copyLinkFor(host.page, outside.name)
      const sessionId = sessionIdOf(link)

      // The patient agreed in clinic; the host records it, then joins.
      await host.page.getByRole('link', { name: 'Go to the session' }).click()
      await host.page.getByRole('button', { name: "Record the patient's consent" }).click()
      await host.page
        .getByLabel('How and when the patient agreed')
        .fill('In clinic today, after reading the document.')
      await host.page.getByLabel('Your full name, as the person recording it').fill(gp.name)
      await host.page.getByRole('button', { name: 'Record consent' }).click()
      await expect(host.page.getByText("Riley Chen's consent was recorded.")).toBeVisible()
      await hostJoinsTheCall(host.page)

      // The specialist opens the link (no date of birth), acknowledges confidentiality and waits.
      await specialist.page.goto(link)
      await joinFromDeviceCheck(specialist.page)
      await answerConsentStep(specialist.page, outside.name)
      await expect(
        specialist.page.getByRole('heading', { level: 1, name: 'Waiting room' })
      ).toBeVisible()

      // The colleague signs in, opens the session and waits too.
      await signIn(colleague.page, sexTherapist.email)
      await colleague.page.goto(`/sessions/${sessionId}`)
      await colleague.page.getByRole('link', { name: 'Join', exact: true }).click()
      await joinFromDeviceCheck(colleague.page)
      await expect(
        colleague.page.getByRole('heading', { level: 1, name: 'Waiting room' })
      ).toBeVisible()

      // The host lets both in at once.
      const lobby = host.page.getByRole('region', { name: /Waiting room/ })
      await expect(lobby.getByRole('button', { name: `Admit ${outside.name}` })).toBeVisible()
      await expect(lobby.getByRole('button', { name: `Admit ${sexTherapist.name}` })).toBeVisible()
      await lobby.getByRole('button', { name: 'Admit all waiting clinicians' }).click()
      await expect(lobby.getByText('No one is waiting.')).toBeVisible()

      // All three see and hear each other.
      await expectMediaFrom(host.page, outside.name)
      await expectMediaFrom(host.page, sexTherapist.name)
      await expectMediaFrom(specialist.page, gp.name)
      await expectMediaFrom(specialist.page, sexTherapist.name)
      await expectMediaFrom(colleague.page, gp.name)
      await expectMediaFrom(colleague.page, outside.name)
    }
  )

  test(
    'a forged link says calmly that it is not valid',
    { tag: ['@admission'] },
    async ({ browser }) => {
      const guest = await person(browser)
      await guest.page.goto(`/join/${randomUUID()}#${randomBytes(24).toString('base64url')}`)
      await expect(
        guest.page.getByRole('heading', { level: 1, name: 'This link is not valid' })
      ).toBeVisible()
      await expect(guest.page.getByText('ask your care team for a new link')).toBeVisible()
      // No redirect to the clinicians' sign-in, and the secret is gone from the address bar.
      expect(guest.page.url()).not.toContain('/sign-in')
      expect(guest.page.url()).not.toContain('#')
    }
  )
})
