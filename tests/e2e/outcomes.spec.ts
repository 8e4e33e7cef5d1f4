// Outcomes through the UI, one browser context per person: after each of two joint sessions the patient answers
// PHQ-9 and GAD-7 on their own device; the clinicians see scores, bands and a trend across both sessions; a PHQ-9
// item 9 above 0 raises an alert that appears live for a signed-in clinician of the team and not for one outside it.
import { expect, test, type Page } from '@playwright/test'
import {
  answerConsentStep,
  callControls,
  closeContextsAfterEach,
  copyLinkFor,
  gp,
  hostLetsRileyIn,
  person,
  riley,
  rileyOpensLink,
  signIn,
  type Person,
} from './steps'

closeContextsAfterEach()

const admin = { email: 'admin@demo.clinic' }
const alertsOf = (page: Page) => page.getByRole('region', { name: 'Safety alerts' })

/** Schedules a joint session with Riley, both join the call, the host admits the patient. */
async function jointSessionWithRiley(host: Person, patient: Person) {
  await host.page.goto('/')
  await host.page
    .getByRole('region', { name: 'My patients' })
    .getByRole('link', { name: /Riley Chen/ })
    .click()
  await host.page.getByRole('link', { name: 'Schedule a session' }).click()
  await host.page.getByRole('radio', { name: /^Joint session/ }).check()
  await host.page.getByRole('button', { name: 'Schedule session' }).click()
  await expect(
    host.page.getByRole('heading', { level: 1, name: 'Session scheduled' })
  ).toBeVisible()
  const link = await copyLinkFor(host.page, riley.name)

  await rileyOpensLink(patient.page, link)
  await answerConsentStep(patient.page, riley.name)

  await hostLetsRileyIn(host.page, patient.page)
}

/** Answers the questionnaire on screen: option `choice(n)` for question n (1-based), then sends it. */
async function answer(page: Page, title: RegExp, choice: (n: number) => number) {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const questions = page.locator('fieldset[data-item]')
  const count = await questions.count()
  for (let n = 1; n <= count; n++)
    await questions
      .nth(n - 1)
      .getByRole('radio')
      .nth(choice(n))
      .check()
  await expect(
    page.getByRole('status').filter({ hasText: `${count} of ${count} answered` })
  ).toBeVisible()
  await page.getByRole('button', { name: 'Send my answers' }).click()
}

/** The patient leaves the call and answers PHQ-9, GAD-7 and the satisfaction questions. */
async function patientAnswers(
  patient: Page,
  phq9: (n: number) => number,
  gad7: (n: number) => number
) {
  await callControls(patient).getByRole('button', { name: 'Leave call' }).click()
  await patient.getByRole('link', { name: 'Answer the questions' }).click()
  await answer(patient, /PHQ-9/, phq9)
  await answer(patient, /GAD-7/, gad7)
  await answer(patient, /How was this session/, () => 4)
  await expect(patient.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible()
}

test.describe('outcomes', () => {
  test(
    'scores, bands and a trend across two sessions; an item-9 alert live for the care team only',
    { tag: ['@outcomes'] },
    async ({ browser }) => {
      test.setTimeout(240_000)
      const host = await person(browser)
      const outsider = await person(browser)
      await signIn(host.page, gp.email)
      await signIn(outsider.page, admin.email)

      // First session: PHQ-9 of 2 on items 1–8 (16, moderately severe), item 9 at 0; GAD-7 of 2 each (14).
      const first = await person(browser)
      await jointSessionWithRiley(host, first)
      await patientAnswers(
        first.page,
        (n) => (n === 9 || n === 10 ? 0 : 2),
        () => 2
      )

      // Second session, the clinician waiting on the home page: PHQ-9 lower (8, mild) but item 9 at 1.
      const second = await person(browser)
      await jointSessionWithRiley(host, second)
      // In the next session the host sees the last scores beside the video.
      const side = host.page.getByRole('complementary', { name: 'Tools for this session' })
      await side.getByText('Measures and goal progress').click()
      await expect(
        side.getByRole('heading', { name: /PHQ-9\).*latest 16 \(Moderately severe\)/ })
      ).toBeVisible()
      await host.page.goto('/')
      await expect(alertsOf(host.page).getByText(/Safety alert/)).toHaveCount(0)
      await patientAnswers(
        second.page,
        (n) => (n <= 7 ? 1 : n === 9 ? 1 : 0),
        () => 1
      )

      // Live: the banner appears without a reload for the team clinician…
      await expect(alertsOf(host.page).getByText('Safety alert: Riley Chen')).toBeVisible({
        timeout: 15_000,
      })
      // …and never for the clinician outside Riley's care team, live or after a reload.
      await expect(alertsOf(outsider.page).getByText(/Safety alert/)).toHaveCount(0)
      await outsider.page.reload()
      await expect(outsider.page.getByRole('region', { name: 'Upcoming sessions' })).toBeVisible()
      await expect(alertsOf(outsider.page).getByText(/Safety alert/)).toHaveCount(0)

      // The patient's page: scores with bands and meaningful change, a chart per measure with its table.
      await host.page.getByRole('link', { name: "Open Riley Chen's page" }).click()
      const phq9Table = host.page.getByRole('table', { name: /PHQ-9 scores/ })
      await expect(phq9Table.getByRole('row')).toHaveCount(3)
      await expect(phq9Table.getByRole('row').nth(1)).toContainText('Moderately severe')
      await expect(phq9Table.getByRole('row').nth(2)).toContainText('Mild')
      await expect(phq9Table.getByRole('row').nth(2)).toContainText('meaningful improvement')
      const gad7Table = host.page.getByRole('table', { name: /GAD-7 scores/ })
      await expect(gad7Table.getByRole('row').nth(1)).toContainText('14')
      await expect(gad7Table.getByRole('row').nth(2)).toContainText('meaningful improvement')
      await expect(host.page.locator('.trend-chart[data-measure="phq9"] canvas')).toBeVisible()

      // The alert is a task: closing it with a note takes it away.
      await alertsOf(host.page).getByRole('button', { name: 'Close this alert…' }).click()
      await alertsOf(host.page).getByLabel('What was done').fill('Called Riley; safety plan agreed')
      await alertsOf(host.page).getByRole('button', { name: 'Close the alert' }).click()
      await expect(alertsOf(host.page).getByText(/Safety alert/)).toHaveCount(0)
    }
  )
})
