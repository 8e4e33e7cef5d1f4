// Whether the request this code runs for has already been answered (its deadline passed). Kept per request in
// AsyncLocalStorage, so transactions can refuse to commit for a client that was already told to try again.
import { AsyncLocalStorage } from 'node:async_hooks'

export type Deadline = { passed: boolean }

const current = new AsyncLocalStorage<Deadline>()

export const runWithDeadline = <T>(deadline: Deadline, work: () => T): T =>
  current.run(deadline, work)

/** The error a late transaction rolls back with; nobody sees it, the client already has its 503. */
export class RequestAlreadyAnswered extends Error {
  override readonly name = 'RequestAlreadyAnswered'
}

export function throwIfAnswered() {
  if (current.getStore()?.passed) throw new RequestAlreadyAnswered()
}
