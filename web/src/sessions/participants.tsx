import { Show } from 'solid-js'
import { disciplineLabel, type Discipline, type Role } from '../../../shared/enums'

export const roleLabel: Record<Role, string> = {
  host: 'Host',
  clinician: 'Clinician',
  specialist: 'Specialist',
  patient: 'Patient',
  partner: 'Partner or support person',
  observer: 'Observer',
}

/** "Host · Primary care", "Patient": how a participant takes part, in a few words. */
export function describeParticipant(p: { role: Role; discipline: Discipline | null }): string {
  return p.discipline
    ? `${roleLabel[p.role]} · ${disciplineLabel[p.discipline]}`
    : roleLabel[p.role]
}

export function ParticipantLine(props: {
  participant: { displayName: string; role: Role; discipline: Discipline | null }
}) {
  return (
    <>
      <span class="member-name">{props.participant.displayName}</span>{' '}
      <span class="member-detail">
        <Show when={props.participant.discipline} fallback={roleLabel[props.participant.role]}>
          {(discipline) =>
            `${roleLabel[props.participant.role]} · ${disciplineLabel[discipline()]}`
          }
        </Show>
      </span>
    </>
  )
}
