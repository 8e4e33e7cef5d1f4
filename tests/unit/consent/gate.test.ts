import { describe, expect, it } from 'vitest'
import { gate, ownDocumentFor, type GateFacts } from '../../../server/consent/gate'

const joint = (f: Partial<GateFacts>): GateFacts => ({
  sessionKind: 'joint_session',
  role: 'clinician',
  onCareTeam: true,
  patientConsentActive: true,
  presence: true,
  ownConsentActive: false,
  ...f,
})

describe('the consent gate', () => {
  it.each([
    ['a care-team clinician the patient covered', joint({}), true],
    [
      'a care-team clinician before the patient consented',
      joint({ patientConsentActive: false }),
      false,
    ],
    ['a clinician the patient was not asked about', joint({ presence: undefined }), false],
    ['a clinician the patient declined', joint({ presence: false }), false],
    [
      'an outside specialist covered but without acknowledgement',
      joint({ role: 'specialist', onCareTeam: false }),
      false,
    ],
    [
      'an outside specialist covered and acknowledged',
      joint({ role: 'specialist', onCareTeam: false, ownConsentActive: true }),
      true,
    ],
    [
      'a partner covered without agreeing to the partner terms',
      joint({ role: 'partner', onCareTeam: false }),
      false,
    ],
    [
      'a partner covered who agreed',
      joint({ role: 'partner', onCareTeam: false, ownConsentActive: true }),
      true,
    ],
    ['the patient after consenting', joint({ role: 'patient', presence: undefined }), true],
    [
      'the patient before consenting',
      joint({ role: 'patient', presence: undefined, patientConsentActive: false }),
      false,
    ],
    [
      'a host before anyone consented',
      joint({ role: 'host', patientConsentActive: false, presence: undefined }),
      true,
    ],
    ['a host the patient declined', joint({ role: 'host', presence: false }), false],
    [
      'a case-conference clinician covered by recorded consent',
      joint({ sessionKind: 'case_conference' }),
      true,
    ],
    [
      'a case-conference clinician without recorded consent',
      joint({ sessionKind: 'case_conference', patientConsentActive: false }),
      false,
    ],
  ])('%s → admissible: %s', (_, facts, admissible) => {
    const status = gate(facts)
    expect(status.admissible).toBe(admissible)
    expect(status.reasons.length === 0).toBe(admissible)
  })

  it('names every missing piece, in plain words', () => {
    expect(
      gate(
        joint({
          role: 'specialist',
          onCareTeam: false,
          patientConsentActive: false,
          presence: undefined,
        })
      ).reasons
    ).toEqual([
      'The patient has not given consent to this joint session yet.',
      'The patient has not been asked about this person yet.',
      'This clinician has not acknowledged confidentiality yet.',
    ])
  })

  it('speaks of the patient, for the hosts who read it, and says when the patient said no', () => {
    expect(gate(joint({ role: 'patient', patientConsentActive: false })).reasons).toEqual([
      'The patient has not given consent to this joint session yet.',
    ])
    expect(
      gate(joint({ role: 'clinician', patientConsentActive: false, patientDeclined: true })).reasons
    ).toEqual(['The patient did not agree to this session.'])
  })

  it.each([
    ['patient', true, 'joint_session', 'joint_session'],
    ['patient', false, 'case_conference', null],
    ['partner', false, 'joint_session', 'partner_participation'],
    ['specialist', false, 'case_conference', 'confidentiality_acknowledgement'],
    ['clinician', true, 'joint_session', null],
    ['host', false, 'joint_session', null],
  ] as const)('a %s (on the team: %s) in a %s answers %s', (role, onTeam, kind, doc) => {
    expect(ownDocumentFor(role, onTeam, kind)).toBe(doc)
  })
})
