// Which data categories one person may see in one session: the answer the consent overview shows as
// `myCategories`, and the one every care-plan document connection is authorised by.
import type { Tx } from '../db/client'
import type { participants, sessions } from '../sessions/tables'
import { consentState } from './state'
import * as store from './store'

type State = Awaited<ReturnType<typeof consentState>>
type ParticipantRow = typeof participants.$inferSelect

/** The patient and care-team members the patient has not scoped see everything; others what their covers permit. */
export function myCategoriesOf(
  state: State,
  me: ParticipantRow | undefined,
  isClinician: boolean,
  allCodes: string[]
): string[] {
  if (!me) return isClinician ? allCodes : []
  if (me.role === 'patient' || (state.onCareTeam(me) && !state.presence.has(me.id))) return allCodes
  return state.categories.get(me.id) ?? []
}

/** The same, read in the caller's transaction. */
export async function categoriesFor(
  tx: Tx,
  session: typeof sessions.$inferSelect,
  me: ParticipantRow | undefined,
  isClinician: boolean
): Promise<string[]> {
  const [state, categories] = await Promise.all([
    consentState(tx, session),
    store.listCategories(tx),
  ])
  return myCategoriesOf(
    state,
    me,
    isClinician,
    categories.map((c) => c.code)
  )
}
