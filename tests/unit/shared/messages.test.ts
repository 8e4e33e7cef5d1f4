// The shared schemas are built with zod/mini, which has no messages of its own: shared/zod-messages.ts sets classic
// zod's English ones, imported by the server's app and the web's forms (guests' pages show none and leave them out).
// This file imports no classic zod, so these are the words a person sees beside a form field in the web and in a 400
// from the server.
import { describe, expect, it } from 'vitest'
import '../../../shared/zod-messages'
import { SignInInput } from '../../../shared/accounts'
import { AdmitInput } from '../../../shared/admission-inputs'
import { ScheduleSessionInput, SpecialistInvite } from '../../../shared/session-inputs'
import { fieldErrorsFrom } from '../../../web/src/lib/forms'

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : result.error?.issues[0]?.message

describe('shared schema messages', () => {
  it('are English for checks that name no message of their own', () => {
    expect(
      firstMessage(SignInInput.safeParse({ email: 'a@b.co', password: 'x'.repeat(201) }))
    ).toBe('Too big: expected string to have <=200 characters')
    expect(firstMessage(SignInInput.safeParse({ email: 'a@b.co', password: 42 }))).toBe(
      'Invalid input: expected string, received number'
    )
  })

  it('keep the words the schemas give, field by field, as the web shows them', () => {
    const invite = SpecialistInvite.safeParse({ displayName: ' ', email: 'nope', discipline: 'x' })
    expect(invite.success).toBe(false)
    expect(fieldErrorsFrom(invite.error!)).toEqual({
      displayName: 'Enter a name.',
      email: 'Enter a valid email address.',
      discipline: expect.stringMatching(/^Invalid option: expected one of "primary_care"\|/),
    })
    const id = '00000000-0000-4000-8000-000000000000'
    expect(firstMessage(AdmitInput.safeParse({ participantId: id, extra: 1 }))).toBe(
      'Unknown field: extra.'
    )
  })

  it('run refinements over the whole payload with their own paths and words', () => {
    const result = ScheduleSessionInput.safeParse({
      kind: 'case_conference',
      patientId: '00000000-0000-4000-8000-000000000000',
      startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      durationMinutes: 30,
      invitePatient: true,
    })
    expect(result.success).toBe(false)
    expect(result.error!.issues).toMatchObject([
      {
        path: ['kind'],
        message:
          'In a case conference the patient is discussed, not invited. Choose a joint session to invite them.',
      },
    ])
  })
})
