import { describe, expect, it } from 'vitest'
import { Role } from '../../../shared/enums'
import { grantsFor, isClinicianRole } from '../../../server/admission/grants'

describe('media grants by role', () => {
  it.each([
    { role: 'patient', publish: true, sources: ['camera', 'microphone'] },
    { role: 'partner', publish: true, sources: ['camera', 'microphone'] },
    {
      role: 'clinician',
      publish: true,
      sources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
    },
    {
      role: 'specialist',
      publish: true,
      sources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
    },
    {
      role: 'host',
      publish: true,
      sources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
    },
    { role: 'observer', publish: false, sources: [] },
  ] as const)('a $role may publish: $publish, from $sources', ({ role, publish, sources }) => {
    expect(grantsFor(role)).toEqual({
      canSubscribe: true,
      canPublish: publish,
      sources,
      canPublishData: false,
    })
  })

  it('covers every role, and admits patients and partners only one by one', () => {
    for (const role of Role.options) expect(grantsFor(role).canSubscribe).toBe(true)
    expect(Role.options.filter(isClinicianRole).sort()).toEqual([
      'clinician',
      'host',
      'observer',
      'specialist',
    ])
  })
})
