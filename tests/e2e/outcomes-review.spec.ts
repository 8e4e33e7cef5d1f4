// After a session, through the UI: the clinician fills the post-session form (attendance, note, goal ratings,
// follow-up, measures due) and reads the session summary; the measure falls due, shows on the patient's page, is
// offered through the patient's link and appears in the next session's side panel and on the team dashboard.
import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './a11y'
import {
  callControls,
  closeContextsAfterEach,
  gp,
  hostJoinsTheCall,
  person,
  riley,
  sessionIdOf,
  signIn,
  type Person,
} from './steps'

closeContextsAfterEach()

const plan = (page: Page) => page.getByRole('complementary', { name: 'Care plan' })
const today = new Date().toISOString().slice(0, 10)
const goal = 'Walk outdoors three times a week'

/** Schedules a joint session with Riley and joins it alone as its host; returns the session page's path. */
async function hostJoinsNewSession(host: Person) {
  await host.page.goto('/')
  await host.page
    .getByRole('region', { name: 'My patients' })
    .getByRole('link', { name: /Riley Chen/ })
    .click()
  await host.page.getByRole('link', { name: 'Schedule a session' }).click()
  await host.page.getByRole('radio', { name: /^Joint session/ }).check()
  await host.page.getByRole('button', { name: 'Schedule session' }).click()
  await host.page.getByRole('link', { name: 'Go to the session' }).click()
  await expect(host.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/)
  const path = `/sessions/${sessionIdOf(host.page.url())}`
  await hostJoinsTheCall(host.page)
  return path
}

test.describe('after the session', () => {
  test(
    'the post-session form and summary; the measure due is offered, shown in the next call and on the dashboard',
    { tag: ['@outcomes'] },
    async ({ browser }) => {
      test.setTimeout(240_000)
      const host = await person(browser)
      await signIn(host.page, gp.email)

      // In the call the host adds a goal to the plan, then ends the session.
      const sessionPath = await hostJoinsNewSession(host)
      const goals = plan(host.page).getByRole('region', { name: 'Goals' })
      await goals.getByRole('button', { name: /Add to/ }).click()
      await goals.getByLabel('Description').last().fill(goal)
      await expect(
        plan(host.page).getByRole('status').filter({ hasText: 'All changes saved' })
      ).toBeVisible()
      await callControls(host.page)
        .getByRole('button', { name: 'End session for everyone' })
        .click()
      await host.page.getByRole('button', { name: 'End session', exact: true }).click()

      // The post-session form, filled from the keyboard's point of view: every field found by its label.
      await host.page.goto(sessionPath)
      const after = host.page.getByRole('region', { name: 'After the session' })
      await expect(after.getByRole('heading', { name: 'Summary' })).toBeVisible({
        timeout: 15_000,
      })
      await expect(after).toContainText('Attendance:')
      const form = after.getByRole('form', { name: 'Post-session form' })
      await form.getByLabel('I confirm the attendance shown above').check()
      await form.getByLabel('Assessment').fill('Low mood, improving with walks.')
      await form.getByLabel('Decisions').fill('Continue the walking plan; PHQ-9 today.')
      await form.getByLabel('Next steps').fill('Review in two weeks.')
      await form.getByLabel(new RegExp(goal)).last().selectOption('1')
      await form.getByLabel('Follow-up date').fill(today)
      await form.getByLabel('Patient Health Questionnaire (PHQ-9) due on').fill(today)
      await form.getByRole('button', { name: 'Save the form' }).click()
      await expect(form.getByRole('status')).toHaveText('Saved.')
      await expect(after).toContainText('Decisions: Continue the walking plan; PHQ-9 today.')
      await expectNoAxeViolations(host.page, 'the session page with the post-session form')

      // The measure is due today: the patient's page shows it, and the clinician offers it through Riley's link.
      await host.page.goto('/')
      await host.page
        .getByRole('region', { name: 'My patients' })
        .getByRole('link', { name: /Riley Chen/ })
        .click()
      const due = host.page.getByRole('table', { name: /Measures due, from the post-session/ })
      const phq9Due = due.getByRole('row').filter({ hasText: 'PHQ-9' })
      await expect(phq9Due).toContainText('Due now')
      await phq9Due.getByRole('button', { name: 'Offer PHQ-9 now' }).click()
      const link = await host.page.getByLabel("Link to the patient's questionnaires").inputValue()
      expect(link).toMatch(/\/questionnaires#.{20,}$/)
      await expect(phq9Due).toContainText('Due now, sent to the patient')
      await expectNoAxeViolations(host.page, "Riley's page with the measures due")
      await host.page.setViewportSize({ width: 390, height: 844 })
      await expect(phq9Due).toBeVisible()
      expect(
        await host.page.evaluate(() => document.documentElement.scrollWidth)
      ).toBeLessThanOrEqual(390)
      await expectNoAxeViolations(host.page, "Riley's page with the measures due at 390 px")

      // Riley opens the link on their own device: the PHQ-9 is there to answer, and the secret leaves the URL.
      const patient = await person(browser)
      await patient.page.goto(link)
      await expect(patient.page.getByRole('heading', { level: 1, name: /PHQ-9/ })).toBeVisible()
      await expect(patient.page.getByText('Questionnaire 1 of 1')).toBeVisible()
      expect(patient.page.url()).not.toContain('#')

      // The team dashboard: the process metrics and the measure due, readable on a 390 px phone.
      await host.page.getByRole('link', { name: 'Dashboard' }).click()
      await expect(
        host.page.getByRole('heading', { level: 1, name: 'Team dashboard' })
      ).toBeVisible()
      for (const metric of [
        'Patients screened',
        'Days from a positive screen to a specialist (median)',
        'Meaningful improvement at 8–12 weeks',
        'Open safety alerts',
      ])
        await expect(host.page.getByRole('term').filter({ hasText: metric })).toBeVisible()
      const dueNow = host.page.getByRole('table', { name: /Measures due or overdue/ })
      await expect(
        dueNow.getByRole('row').filter({ hasText: riley.name }).filter({ hasText: 'PHQ-9' })
      ).toContainText('Due now, sent to the patient')
      const width = await host.page.evaluate(() => document.documentElement.scrollWidth)
      expect(width).toBeLessThanOrEqual(390)
      await expectNoAxeViolations(host.page, 'the team dashboard at 390 px')

      // The next session's side panel shows the measure as due.
      await host.page.setViewportSize({ width: 1280, height: 800 })
      await hostJoinsNewSession(host)
      const side = host.page.getByRole('complementary', { name: 'Tools for this session' })
      await side.getByText('Measures and goal progress').click()
      await expect(
        side
          .getByRole('table', { name: /Measures due, from the post-session/ })
          .getByRole('row')
          .filter({ hasText: 'PHQ-9' })
      ).toContainText('Due now')
    }
  )
})
