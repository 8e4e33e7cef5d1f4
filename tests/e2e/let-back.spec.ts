// A host declines (or removes) the patient by mistake, lets them wait again, and admits them: the patient is told in
// plain words that they may come back, without reloading, and goes through the waiting room, never straight into the call.
import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './a11y'
import { patientReachesConsent, scheduleJointSession } from './experience-steps'
import {
  answerConsentStep,
  callControls,
  closeContextsAfterEach,
  gp,
  hostLetsRileyIn,
  person,
  riley,
  signIn,
} from './steps'

closeContextsAfterEach()

const lobbyOf = (page: Page) => page.getByRole('region', { name: /Waiting room/ })
const waitingStatus = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Waiting for your care team to let you in' })

test(
  'a patient declined by mistake is let wait again, told so, and admitted',
  { tag: ['@admission', '@experience'] },
  async ({ browser }) => {
    test.setTimeout(120_000)
    const host = await person(browser)
    const patient = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    await patientReachesConsent(patient.page, link)
    await answerConsentStep(patient.page, riley.name)
    await expect(waitingStatus(patient.page)).toBeVisible()

    // The mistaken click, confirmed.
    await host.page.getByRole('link', { name: 'Go to the session' }).click()
    const lobby = lobbyOf(host.page)
    await lobby.getByRole('button', { name: `Decline ${riley.name}` }).click()
    const decline = host.page.getByRole('dialog', { name: `Decline ${riley.name}?` })
    await decline.getByRole('button', { name: 'Decline', exact: true }).click()
    await expect(
      patient.page.getByText('A host has declined your request to join this session.')
    ).toBeVisible()

    // The host sees whom they declined, and undoes it after a confirmation that says what it does.
    const letBack = lobby.getByRole('button', { name: `Let ${riley.name} wait again` })
    await expect(letBack).toBeVisible()
    await expectNoAxeViolations(host.page, 'the session page with a declined person')
    await letBack.click()
    const confirm = host.page.getByRole('dialog', { name: `Let ${riley.name} wait again?` })
    await expect(confirm).toContainText("won't be in the call until a host lets them in")
    await expectNoAxeViolations(host.page, 'the "let wait again" confirmation')
    await confirm.getByRole('button', { name: 'Let them wait again' }).click()
    await expect(lobby.getByText('may join again; not back yet')).toBeVisible()
    await expect(letBack).toHaveCount(0)

    // The patient's page, still open, says so at once; nothing lets them into the call yet.
    await expect(
      patient.page.getByRole('status').filter({ hasText: 'You can join this session again.' })
    ).toBeVisible()
    await expectNoAxeViolations(patient.page, 'the waiting page after being let wait again')
    await patient.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await expect(waitingStatus(patient.page)).toBeVisible()
    await expect(patient.page).toHaveURL(/\/waiting$/)

    // Waiting again: the host admits them as anyone else.
    await lobby.getByRole('button', { name: `Admit ${riley.name}` }).click()
    await expect(patient.page.getByRole('region', { name: 'Call controls' })).toBeVisible({
      timeout: 30_000,
    })
  }
)

test(
  'a patient removed from the call by mistake is told on the same screen that they may come back',
  { tag: ['@admission', '@experience'] },
  async ({ browser }) => {
    test.setTimeout(120_000)
    const host = await person(browser)
    const patient = await person(browser)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    await patientReachesConsent(patient.page, link)
    await answerConsentStep(patient.page, riley.name)
    await expect(waitingStatus(patient.page)).toBeVisible()

    const lobby = await hostLetsRileyIn(host.page, patient.page)

    await host.page.getByRole('button', { name: `Remove ${riley.name}` }).click()
    const remove = host.page.getByRole('dialog', { name: `Remove ${riley.name}?` })
    await expect(remove).toContainText('only if a host lets them wait again')
    await remove.getByRole('button', { name: 'Remove' }).click()
    await expect(
      patient.page.getByRole('heading', { name: 'A host removed you from this session.' })
    ).toBeVisible()

    // From the hosts' tools beside the call.
    await lobby.getByRole('button', { name: `Let ${riley.name} wait again` }).click()
    await host.page
      .getByRole('dialog', { name: `Let ${riley.name} wait again?` })
      .getByRole('button', { name: 'Let them wait again' })
      .click()

    // The call page the patient was left on says so, without a reload.
    await expect(
      patient.page.getByRole('heading', { level: 1, name: 'You can join this session again.' })
    ).toBeVisible()
    await expectNoAxeViolations(patient.page, 'the call page after being let wait again')
    await patient.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await expect(waitingStatus(patient.page)).toBeVisible()

    await lobby.getByRole('button', { name: `Admit ${riley.name}` }).click()
    await expect(callControls(patient.page)).toBeVisible({ timeout: 30_000 })
  }
)
