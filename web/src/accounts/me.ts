import { createContext, useContext, type Accessor } from 'solid-js'
import type { Me } from '../../../shared/accounts'

// Provided by SignedInLayout once /api/me has answered, so pages below it always have someone.
export const MeContext = createContext<Accessor<Me>>()

export function useMe(): Accessor<Me> {
  const me = useContext(MeContext)
  if (!me) throw new Error('useMe() is only for pages inside SignedInLayout.')
  return me
}

export function isAdmin(me: Me): boolean {
  return me.clinician.role === 'admin'
}
