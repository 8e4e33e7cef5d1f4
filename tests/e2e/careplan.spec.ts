// The shared care plan in a live joint session, through the UI only, one browser context per person: the host and
// the patient edit one plan at once and see each other's edits; the patient writes their own words but cannot
// change the clinicians' parts; when the session ends the plan is saved as a version whose changes can be seen.
import { expect, test, type Browser, type Page } from '@playwright/test'
import {
  answerConsentStep,
  callControls,
  closeContextsAfterEach,
  copyLinkFor,
  gp,
  hostLetsRileyIn,
  joinFromDeviceCheck,
  person,
  riley,
  rileyOpensLink,
  sessionIdOf,
  sexTherapist,
  signIn,
} from './steps'

closeContextsAfterEach()

const plan = (page: Page) => page.getByRole('complementary', { name: 'Care plan' })
const section = (page: Page, name: string | RegExp) => plan(page).getByRole('region', { name })

const partner = 'Alex Chen'
// The withdrawn category is named, with what it covers.
const withdrawn = /Consent to share mental-health history with you was withdrawn/

/**
 * The GP schedules a joint session with Riley and a partner; Riley, at consent, lets the partner join with
 * mental-health history and sexual-health history but withholds medications; all three end up in the call.
 */
async function hostPatientAndPartnerInTheCall(browser: Browser) {
  const host = await person(browser)
  const patient = await person(browser)
  const guest = await person(browser)

  await signIn(host.page, gp.email)
  await host.page
    .getByRole('region', { name: 'My patients' })
    .getByRole('link', { name: /Riley Chen/ })
    .click()
  await host.page.getByRole('link', { name: 'Schedule a session' }).click()
  await host.page.getByRole('radio', { name: /^Joint session/ }).check()
  await host.page.getByRole('checkbox', { name: /Invite a partner or support person/ }).check()
  await host.page.getByLabel("Partner's name").fill(partner)
  await host.page.getByRole('button', { name: 'Schedule session' }).click()
  const patientLink = await copyLinkFor(host.page, riley.name)
  const partnerLink = await copyLinkFor(host.page, partner)

  await patient.page.goto(patientLink)
  await patient.page.getByLabel('Day').fill(riley.day)
  await patient.page.getByLabel('Month').fill(riley.month)
  await patient.page.getByLabel('Year').fill(riley.year)
  await patient.page.getByRole('button', { name: 'Continue' }).click()
  await joinFromDeviceCheck(patient.page)
  await expect(
    patient.page.getByRole('heading', { level: 1, name: 'Before you join' })
  ).toBeVisible()
  await patient.page.getByRole('checkbox', { name: `May join: ${partner}`, exact: true }).check()
  const forPartner = (label: string) =>
    patient.page.getByRole('checkbox', { name: `${label} for ${partner}`, exact: true })
  await forPartner('Mental-health history').check()
  await forPartner('Sexual-health history').check()
  await forPartner('Medications').uncheck()
  await expect(forPartner('Medications')).not.toBeChecked()
  await answerConsentStep(patient.page, riley.name)

  await guest.page.goto(partnerLink)
  await joinFromDeviceCheck(guest.page)
  await answerConsentStep(guest.page, partner)

  const lobby = await hostLetsRileyIn(host.page, patient.page)
  await lobby.getByRole('button', { name: `Admit ${partner}` }).click()
  await expect(callControls(guest.page)).toBeVisible({ timeout: 30_000 })
  return { host, patient, guest }
}

test.describe('care plan', () => {
  test(
    'host and patient edit one plan live; the patient cannot change clinician parts; a version is saved at the end',
    { tag: ['@careplan'] },
    async ({ browser }) => {
      test.setTimeout(150_000)
      const host = await person(browser)
      const patient = await person(browser)

      await signIn(host.page, gp.email)
      await host.page
        .getByRole('region', { name: 'My patients' })
        .getByRole('link', { name: /Riley Chen/ })
        .click()
      await host.page.getByRole('link', { name: 'Schedule a session' }).click()
      await host.page.getByRole('radio', { name: /^Joint session/ }).check()
      await host.page.getByRole('button', { name: 'Schedule session' }).click()
      const link = await copyLinkFor(host.page, riley.name)

      await rileyOpensLink(patient.page, link)
      await answerConsentStep(patient.page, riley.name)

      await hostLetsRileyIn(host.page, patient.page)

      // The host adds a goal; the patient sees it arrive, read-only.
      const hostGoals = section(host.page, 'Goals')
      await hostGoals.getByRole('button', { name: /Add to/ }).click()
      await hostGoals
        .getByLabel('Description')
        .fill('Desire-related activity weekly within 12 weeks')
      const patientGoals = section(patient.page, /^Goals/)
      await expect(patientGoals.getByLabel('Description')).toHaveValue(
        'Desire-related activity weekly within 12 weeks'
      )
      await expect(patientGoals.getByLabel('Description')).not.toBeEditable()
      await expect(patientGoals.getByRole('button', { name: /Add to/ })).toHaveCount(0)

      // The patient writes their concern in their own words; the host sees it.
      const patientConcerns = section(patient.page, 'What brings you here, in your words')
      await patientConcerns.getByRole('button', { name: /Add to/ }).click()
      await patientConcerns.getByLabel('In your own words').fill('I feel far away from my partner')
      await expect(
        section(host.page, 'What brings you here, in your words').getByLabel('In your own words')
      ).toHaveValue('I feel far away from my partner')
      await expect(
        plan(host.page).getByRole('status').filter({ hasText: 'All changes saved' })
      ).toBeVisible()

      // The host ends the session: the plan is saved as a version, and its changes can be read.
      await callControls(host.page)
        .getByRole('button', { name: 'End session for everyone' })
        .click()
      await host.page.getByRole('button', { name: 'End session', exact: true }).click()
      await host.page.goto('/')
      await host.page
        .getByRole('region', { name: 'My patients' })
        .getByRole('link', { name: /Riley Chen/ })
        .click()
      const versions = host.page.getByRole('region', { name: 'Saved versions' })
      await expect(
        versions
          .getByRole('listitem')
          .filter({ hasText: /Version \d+/ })
          .first()
      ).toBeVisible({
        timeout: 15_000,
      })
      await versions.getByRole('button', { name: 'What changed' }).first().click()
      const changes = host.page.getByRole('region', { name: 'What changed' })
      await expect(changes).toContainText('Added in Goals')
      await expect(changes).toContainText('I feel far away from my partner')
    }
  )

  test(
    'two clinicians and the patient edit the plan at the same time in one live session and each sees the others',
    { tag: ['@careplan'] },
    async ({ browser }) => {
      test.setTimeout(180_000)
      const host = await person(browser)
      const patient = await person(browser)
      const sam = await person(browser)

      await signIn(host.page, gp.email)
      await host.page
        .getByRole('region', { name: 'My patients' })
        .getByRole('link', { name: /Riley Chen/ })
        .click()
      await host.page.getByRole('link', { name: 'Schedule a session' }).click()
      await host.page.getByRole('radio', { name: /^Joint session/ }).check()
      await host.page
        .getByRole('combobox', { name: `${sexTherapist.name} in this session` })
        .selectOption('invited')
      await host.page.getByRole('button', { name: 'Schedule session' }).click()
      const link = await copyLinkFor(host.page, riley.name)
      const sessionId = sessionIdOf(link)

      await rileyOpensLink(patient.page, link)
      await answerConsentStep(patient.page, riley.name)

      const lobby = await hostLetsRileyIn(host.page, patient.page)

      // Sam, the second clinician, joins the same call.
      await signIn(sam.page, sexTherapist.email)
      await sam.page.goto(`/sessions/${sessionId}`)
      await sam.page.getByRole('link', { name: 'Join', exact: true }).click()
      await joinFromDeviceCheck(sam.page)
      await lobby.getByRole('button', { name: `Admit ${sexTherapist.name}` }).click()
      await expect(callControls(sam.page)).toBeVisible({ timeout: 30_000 })

      // All three open an item at once, then type at once, each in a part they may write.
      const goal = 'Desire-related activity weekly within 12 weeks'
      const intervention = 'Sensate focus exercises, twice a week'
      const concern = 'I feel far away from my partner'
      const concerns = 'What brings you here, in your words'
      await Promise.all([
        section(host.page, 'Goals')
          .getByRole('button', { name: /Add to/ })
          .click(),
        section(sam.page, 'What we will do')
          .getByRole('button', { name: /Add to/ })
          .click(),
        section(patient.page, concerns)
          .getByRole('button', { name: /Add to/ })
          .click(),
      ])
      await Promise.all([
        section(host.page, 'Goals').getByLabel('Description').last().fill(goal),
        section(sam.page, 'What we will do').getByLabel('Description').last().fill(intervention),
        section(patient.page, concerns).getByLabel('In your own words').last().fill(concern),
      ])

      for (const p of [host.page, sam.page, patient.page]) {
        await expect(
          section(p, /^Goals/)
            .getByLabel('Description')
            .last()
        ).toHaveValue(goal)
        await expect(
          section(p, /^What we will do/)
            .getByLabel('Description')
            .last()
        ).toHaveValue(intervention)
        await expect(
          section(p, new RegExp(`^${concerns}`))
            .getByLabel('In your own words')
            .last()
        ).toHaveValue(concern)
      }
      // The patient still only reads the clinicians' parts.
      await expect(
        section(patient.page, /^What we will do/)
          .getByLabel('Description')
          .last()
      ).not.toBeEditable()
    }
  )

  test(
    'a partner does not see the plan section the patient withheld from them at consent',
    { tag: ['@careplan'] },
    async ({ browser }) => {
      test.setTimeout(180_000)
      const { host, guest } = await hostPatientAndPartnerInTheCall(browser)

      // The host writes a medication change and a goal; the partner reads the goal but never the medication.
      const goal = 'Desire-related activity weekly within 12 weeks'
      await section(host.page, 'Goals')
        .getByRole('button', { name: /Add to/ })
        .click()
      await section(host.page, 'Goals').getByLabel('Description').last().fill(goal)
      const meds = section(host.page, 'Medication changes')
      await meds.getByRole('button', { name: /Add to/ }).click()
      await meds.getByLabel('What changes').last().fill('Switch sertraline to bupropion')

      await expect(
        section(guest.page, /^Goals/)
          .getByLabel('Description')
          .last()
      ).toHaveValue(goal)
      await expect(
        section(guest.page, /^Goals/)
          .getByLabel('Description')
          .last()
      ).not.toBeEditable()
      await expect(section(guest.page, /^What we will do/)).toBeVisible()
      await expect(section(guest.page, /^Medication changes/)).toHaveCount(0)
      await expect(plan(guest.page)).not.toContainText('sertraline')
    }
  )

  test(
    'withdrawing a category in the call closes that plan section for the partner, whose screen says why',
    { tag: ['@careplan'] },
    async ({ browser }) => {
      test.setTimeout(180_000)
      const { host, patient, guest } = await hostPatientAndPartnerInTheCall(browser)

      const intervention = 'Sensate focus exercises, twice a week'
      const hostPlan = section(host.page, 'What we will do')
      await hostPlan.getByRole('button', { name: /Add to/ }).click()
      await hostPlan.getByLabel('Description').last().fill(intervention)
      const guestPlan = section(guest.page, /^What we will do/)
      await expect(guestPlan.getByLabel('Description').last()).toHaveValue(intervention)

      // The patient stops sharing mental-health history: the partner's section closes, saying why.
      await patient.page.getByRole('button', { name: 'Your consent' }).click()
      const dialog = patient.page.getByRole('dialog', { name: 'Your consent' })
      await dialog.getByRole('button', { name: 'Stop sharing: Mental-health history' }).click()
      await expect(guestPlan.getByRole('status')).toHaveText(withdrawn)
      await expect(guestPlan.getByRole('status')).toContainText('That category covers:')
      await expect(guestPlan.getByLabel('Description')).toHaveCount(0)
      // Only that section: the partner still reads the goals, and the host keeps editing.
      await expect(section(guest.page, /^Goals/)).not.toContainText(withdrawn)
      await expect(hostPlan.getByLabel('Description').last()).toBeEditable()
      await expect(hostPlan).not.toContainText(withdrawn)
    }
  )
})
