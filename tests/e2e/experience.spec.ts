// The experience of patients and clinicians (issue #12): every section loads after signing in, and more below.
import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './a11y'
import { patientReachesConsent, phoneOf, scheduleJointSession } from './experience-steps'
import {
  answerConsentStep,
  closeContextsAfterEach,
  copyLinkFor,
  gp,
  joinFromDeviceCheck,
  password,
  person,
  riley,
  sexTherapist,
  signIn,
} from './steps'

closeContextsAfterEach()

test.describe('experience', () => {
  test('every section of Home loads after signing in, though Home asked before sign-in @experience', async ({
    page,
  }) => {
    // Home's preload imports the patients' requests, then asks for the patients. On a busy machine that code can
    // arrive after the redirect to the sign-in page, so the 401 is cached there, and signing in must not keep it.
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/assets\/api-[^/]+\.js$/, async (route) => {
      const response = await route.fetch()
      if ((await response.text()).includes('my-patients')) await released
      await route.fulfill({ response })
    })
    const refused = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/patients' && res.status() === 401
    )
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    release()
    await refused

    await page.getByLabel('Email address').fill(gp.email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('region', { name: 'Upcoming sessions' })).toBeVisible()
    const patients = page.getByRole('region', { name: 'My patients' })
    await expect(patients.getByRole('link', { name: /Riley Chen/ })).toBeVisible()
    await expect(page).not.toHaveURL(/\/sign-in/)
  })

  test('consent: a step of its own, psychotherapy notes unshared, Enter changes nothing, review before signing @experience', async ({
    browser,
  }) => {
    test.setTimeout(90_000)
    const host = await person(browser)
    const patient = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    await patientReachesConsent(patient.page, link)
    const page = patient.page
    await expectNoAxeViolations(page, 'the consent step')

    // Psychotherapy notes start unshared for every clinician; the other kinds start shared.
    for (const name of [gp.name, sexTherapist.name]) {
      await expect(
        page.getByRole('checkbox', { name: `Psychotherapy notes for ${name}` })
      ).not.toBeChecked()
      await expect(page.getByRole('checkbox', { name: `Medications for ${name}` })).toBeChecked()
    }

    // Enter on a box changes nothing and submits nothing; Space ticks and unticks, as on any checkbox.
    const history = page.getByRole('checkbox', {
      name: `Mental-health history for ${sexTherapist.name}`,
    })
    await history.focus()
    await page.keyboard.press('Enter')
    await expect(history).toBeChecked()
    await expect(
      page.getByRole('heading', { name: 'Who may join, and what they may know' })
    ).toBeVisible()
    await page.keyboard.press('Space')
    await expect(history).not.toBeChecked()

    // The review says, in sentences, what each person will not know.
    await page.getByRole('button', { name: 'Review my choices' }).click()
    await expect(page.getByRole('heading', { name: 'Check before you sign' })).toBeFocused()
    const review = page.getByRole('listitem').filter({ hasText: sexTherapist.name })
    await expect(review).toContainText('Not shared: Mental-health history, Psychotherapy notes.')
    await expectNoAxeViolations(page, 'the consent review')

    // Enter in the name field doesn't sign either: only the sign button does.
    const name = page.getByLabel('Type your full name to sign')
    await name.fill(riley.name)
    await name.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Before you join' })).toBeVisible()
    await page.getByRole('button', { name: 'Sign and agree' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Waiting room' })).toBeVisible()

    // The server holds exactly those choices.
    const sessionId = new URL(link).pathname.split('/').at(-1)!
    const answer = await page.request.get(`/api/sessions/${sessionId}/consent`)
    const overview = (await answer.json()) as {
      participants: { displayName: string; categories: string[] }[]
    }
    const sam = overview.participants.find((p) => p.displayName === sexTherapist.name)!
    expect(sam.categories.sort()).toEqual(['lab_results', 'medications', 'sexual_health_history'])
  })

  test('"I do not agree": the patient is told what it means, the host reads that the patient said no @experience', async ({
    browser,
  }) => {
    const host = await person(browser)
    const patient = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    await patientReachesConsent(patient.page, link)
    await patient.page.getByRole('button', { name: 'Review my choices' }).click()
    await patient.page.getByLabel('Type your full name to sign').fill(riley.name)
    await patient.page.getByRole('button', { name: 'I do not agree' }).click()
    await expect(
      patient.page.getByRole('heading', { level: 1, name: 'You did not agree' })
    ).toBeVisible()
    await expect(patient.page.getByText("you won't join this session")).toBeVisible()
    await expect(patient.page.getByText(/Waiting for your care team/)).toHaveCount(0)
    await expectNoAxeViolations(patient.page, 'the declined consent')

    await host.page.getByRole('link', { name: 'Go to the session' }).click()
    const consent = host.page.getByRole('region', { name: 'Consent' })
    await expect(consent).toContainText(`${riley.name} did not agree to this session`)
    await expect(consent).not.toContainText('Not asked yet')
    await expect(consent).not.toContainText('You have not')

    // Changing their mind brings the document back.
    await patient.page
      .getByRole('button', { name: "I've changed my mind: show the document again" })
      .click()
    await expect(patient.page.getByRole('button', { name: 'Review my choices' })).toBeVisible()
  })

  test('one personal link opens on a laptop and then on a phone, the date of birth asked on each @experience', async ({
    browser,
  }) => {
    const host = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    const laptop = await person(browser)
    await patientReachesConsent(laptop.page, link)
    const phone = await phoneOf(browser)
    await patientReachesConsent(phone.page, link)
    await answerConsentStep(phone.page, riley.name)
    await expect(phone.page.getByRole('heading', { level: 1, name: 'Waiting room' })).toBeVisible()
  })

  test('the waiting patient is told once a host has the waiting room open with them listed @experience', async ({
    browser,
  }) => {
    const host = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    const phone = await phoneOf(browser)
    await patientReachesConsent(phone.page, link)
    await answerConsentStep(phone.page, riley.name)
    await expect(phone.page.getByRole('heading', { level: 1, name: 'Waiting room' })).toBeVisible()
    await expect(phone.page.getByText('No host has arrived yet.')).toBeVisible()
    await expect(phone.page.getByText('Your care team knows you are here.')).toHaveCount(0)

    // The host opens the session page, whose waiting room lists Riley: that is being seen.
    await host.page.getByRole('link', { name: 'Go to the session' }).click()
    await expect(
      host.page
        .getByRole('region', { name: /Waiting room/ })
        .getByRole('button', { name: `Admit ${riley.name}` })
    ).toBeVisible()
    await expect(phone.page.getByText('Your care team knows you are here.')).toBeVisible()
    await expectNoAxeViolations(phone.page, 'the waiting room once seen, at 390 px')
  })

  test('one link on two devices in the call: the newest takes over, the older says so @experience @video', async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    const host = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    const laptop = await person(browser)
    await patientReachesConsent(laptop.page, link)
    await answerConsentStep(laptop.page, riley.name)
    await host.page.getByRole('link', { name: 'Go to the session' }).click()
    await host.page
      .getByRole('region', { name: /Waiting room/ })
      .getByRole('button', { name: `Admit ${riley.name}` })
      .click()
    const controls = (page: Page) => page.getByRole('region', { name: 'Call controls' })
    await expect(controls(laptop.page)).toBeVisible({ timeout: 30_000 })

    // The same link on a phone: date of birth again, then straight into the call, already admitted.
    const phone = await phoneOf(browser)
    await phone.page.goto(link)
    await phone.page.getByLabel('Day').fill(riley.day)
    await phone.page.getByLabel('Month').fill(riley.month)
    await phone.page.getByLabel('Year').fill(riley.year)
    await phone.page.getByRole('button', { name: 'Continue' }).click()
    await joinFromDeviceCheck(phone.page)
    await expect(controls(phone.page)).toBeVisible({ timeout: 30_000 })

    await expect(laptop.page.getByText('You joined from another window or device.')).toBeVisible({
      timeout: 30_000,
    })
    await expect(laptop.page.getByText('This window has been disconnected.')).toBeVisible()
    await expect(controls(laptop.page)).toHaveCount(0)
    await expect(controls(phone.page)).toBeVisible()
  })

  test('arriving after the end: said at once, with what happens next and the clinic to call @experience', async ({
    browser,
  }) => {
    const host = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    const sessionId = new URL(link).pathname.split('/').at(-1)!
    const laptop = await person(browser)
    await patientReachesConsent(laptop.page, link)
    const ended = await host.page.request.post(`/api/sessions/${sessionId}/end`)
    expect(ended.ok()).toBe(true)

    // The browser that joined before: straight to the ending, no device check.
    await laptop.page.goto(`/sessions/${sessionId}/check`)
    await expect(
      laptop.page.getByRole('heading', { level: 1, name: 'This session has ended' })
    ).toBeVisible()
    await expect(laptop.page.getByText('Check your camera and microphone')).toHaveCount(0)
    await expect(laptop.page.getByRole('link', { name: '020 7946 0321' })).toBeVisible()

    // Another device opening the link: the same, not "not valid".
    const phone = await phoneOf(browser)
    await phone.page.goto(link)
    await expect(
      phone.page.getByRole('heading', { level: 1, name: 'This session has ended.' })
    ).toBeVisible()
    await expect(phone.page.getByText(/Riverside Integrated Care/)).toBeVisible()
    await expectNoAxeViolations(phone.page, 'the ending at 390 px')
  })

  test('the call on a 390 px phone: one person large, yourself small and movable, compact controls @experience @video', async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    const host = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    const phone = await phoneOf(browser)
    await patientReachesConsent(phone.page, link)
    await answerConsentStep(phone.page, riley.name)

    await host.page.getByRole('link', { name: 'Go to the session' }).click()
    await host.page.getByRole('link', { name: 'Join', exact: true }).click()
    await joinFromDeviceCheck(host.page)
    const controls = (page: Page) => page.getByRole('region', { name: 'Call controls' })
    await expect(controls(host.page)).toBeVisible({ timeout: 30_000 })
    await host.page
      .getByRole('region', { name: /Waiting room/ })
      .getByRole('button', { name: `Admit ${riley.name}` })
      .click()
    // The host hears a chime and reads who came in; their clock runs.
    await expect(
      host.page
        .getByRole('status')
        .filter({ hasText: `${riley.name} was let in.` })
        .first()
    ).toBeVisible()
    await expect(host.page.getByText('Your time in this call:')).toBeAttached()

    const page = phone.page
    await expect(controls(page)).toBeVisible({ timeout: 30_000 })
    const people = page.getByRole('list', { name: 'People in the call' })
    const me = people.getByRole('listitem', { name: `${riley.name} (you)` })
    const doctor = people.getByRole('listitem', { name: gp.name, exact: true })
    await expect(doctor).toBeVisible({ timeout: 30_000 })
    const width = page.viewportSize()!.width
    const height = page.viewportSize()!.height
    await expect.poll(async () => (await doctor.boundingBox())!.width).toBeGreaterThan(width * 0.85)
    const before = (await me.boundingBox())!
    expect(before.width).toBeLessThan(width * 0.45)
    // The controls take one compact row, not a fifth of the screen.
    expect((await controls(page).boundingBox())!.height).toBeLessThan(height / 8)
    // The patient has no clock; a keyboard can move the self-view to another corner.
    await expect(page.getByText('Your time in this call:')).toHaveCount(0)
    await me.getByRole('button', { name: 'Move your self-view' }).click()
    await expect.poll(async () => (await me.boundingBox())!.x).toBeLessThan(before.x)
    await expectNoAxeViolations(page, 'the call at 390 px')
  })

  test('scheduling: New session on Home, a joint session by default, the team once, the time zone, a clear date message @experience', async ({
    browser,
  }) => {
    const host = await person(browser)
    await signIn(host.page, gp.email)
    const page = host.page
    await page.getByRole('link', { name: 'New session' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'New session' })).toBeVisible()
    await page.getByRole('link', { name: /Riley Chen/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Schedule a session' })).toBeVisible()
    await expect(page.getByRole('radio', { name: /^Joint session/ })).toBeChecked()
    // Each care-team member once, with what they do in this session.
    await expect(
      page.getByRole('combobox', { name: `${sexTherapist.name} in this session` })
    ).toHaveCount(1)
    await expect(page.getByText(sexTherapist.name)).toHaveCount(1)
    await expect(page.getByText(/^In your time zone: /)).toBeVisible()
    await expectNoAxeViolations(page, 'the schedule form')

    // A patient typing 31 February reads what is wrong, not "as numbers".
    await page.getByRole('button', { name: 'Schedule session' }).click()
    const link = await copyLinkFor(page, riley.name)
    const phone = await phoneOf(browser)
    await phone.page.goto(link)
    await phone.page.getByLabel('Day').fill('31')
    await phone.page.getByLabel('Month').fill('2')
    await phone.page.getByLabel('Year').fill('1986')
    await phone.page.getByRole('button', { name: 'Continue' }).click()
    await expect(
      phone.page.getByText('February has no day 31. Check the day and the month.')
    ).toBeVisible()
  })
})
