// What the person reads when the server closes a part of the plan, or refuses a change they made, in plain words.
import { partCategory, partLabel, type PlanPart } from '../../../shared/careplan'
import type { DataCategory } from '../../../shared/consent'
import type { Refusal } from './part-link'

const closeReasons: Record<string, string> = {
  'not-shared': 'This part of the plan is no longer shared with you.',
  'consent-withdrawn': 'Consent for you to take part was withdrawn, so the plan is closed.',
  removed: 'You were removed from the session, so the plan is closed.',
  'stepped-out':
    'The clinicians are talking on their own for a moment; the plan will be back when you are.',
  'session-ended': 'The session has ended. The plan as agreed has been saved.',
}

const kept =
  'This part now shows the plan as it is saved: please check it and make your change again.'
/** What the person reads after the server refused a change of theirs and the part was opened again. */
export const refusalWords: Record<Refusal, string> = {
  'invalid-update': `Your last change here could not be saved. ${kept}`,
  'message-too-large': `Your last change here was too large to save. ${kept}`,
  'document-full': `This part of the plan is full, so your last change was not saved. Remove something to make room. ${kept}`,
  'invalid-presence': 'Your connection to this part was reset. You can carry on.',
}

/**
 * Why a part closed, in plain words; a reason this client does not know reads as "no longer shared". A withdrawn
 * category is named, with what it covers, so the person knows what they no longer see and why.
 */
export function closeWords(reason: string, part: PlanPart, categories: DataCategory[]) {
  const category = categories.find((c) => c.code === partCategory[part])
  if (reason === 'category-withdrawn' && category)
    return (
      `Consent to share ${category.label.toLowerCase()} with you was withdrawn, so “${partLabel[part]}” ` +
      `is closed for you. That category covers: ${category.description} ` +
      'The parts of the plan still shared with you stay open.'
    )
  return closeReasons[reason] ?? closeReasons['not-shared']!
}
