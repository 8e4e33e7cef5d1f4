// Token requests held open on this instance by people waiting to be let in (token-wait.ts). The admission that lets
// one of them in on this instance claims the request and answers it from its own transaction: the token's issuance
// is recorded beside the admission, and the token leaves at its commit instead of after a second transaction woken
// by the admission's event (BENCHMARKS.md, join). A request nobody claims is answered the old way, by that event:
// an admission on another instance, or one made by another command. In memory only: each request lives as long as
// its HTTP request, on the instance that holds it.
import type { MediaToken } from '../../shared/admission'
import type { Actor } from '../identity/actor'

/** What the claimant sends: the token, undefined when its admission failed (the person asks again), or an error. */
export type TokenAnswer = Promise<MediaToken | undefined>

export type OpenTokenRequest = {
  /** Resolves once an admission has claimed the request (it never rejects, and may never resolve). */
  claimed: Promise<void>
  /** The claimant's answer; only meaningful once claimed. */
  answer: TokenAnswer
  /** Withdraws the request. False when it was claimed first: then `answer` is the request's to send. */
  close(): boolean
}

export type ClaimedTokenRequest = {
  /** Who asked: the issuance's audit row names them. */
  actor: Actor
  /** Sends the answer; call it exactly once, also when the admission fails (with undefined). */
  answer(answer: TokenAnswer): void
}

export type OpenTokenRequests = {
  /** `roomName`: the session's LiveKit room, for the admission to ensure before it reads the session itself. */
  open(sessionId: string, participantId: string, actor: Actor, roomName: string): OpenTokenRequest
  /** Whether someone waits here with a request open (it may close before it is claimed), and their room. */
  peek(sessionId: string, participantId: string): { roomName: string } | undefined
  /** Takes the oldest open request out, so that nothing else answers it; undefined when none is left. */
  claim(sessionId: string, participantId: string): ClaimedTokenRequest | undefined
}

type Entry = {
  actor: Actor
  roomName: string
  claim: () => void
  answer: (answer: TokenAnswer) => void
}

export function createOpenTokenRequests(): OpenTokenRequests {
  const open = new Map<string, Entry[]>()
  const keyOf = (sessionId: string, participantId: string) => `${sessionId}:${participantId}`

  function remove(key: string, entry: Entry): boolean {
    const list = open.get(key)
    const at = list?.indexOf(entry) ?? -1
    if (!list || at < 0) return false
    list.splice(at, 1)
    if (list.length === 0) open.delete(key)
    return true
  }

  return {
    open(sessionId, participantId, actor, roomName) {
      const key = keyOf(sessionId, participantId)
      let claim!: () => void
      let answer!: (answer: TokenAnswer) => void
      const claimed = new Promise<void>((resolve) => (claim = resolve))
      // Resolved with the claimant's promise, it settles as that one does.
      const answered: TokenAnswer = new Promise((resolve) => (answer = resolve))
      answered.catch(() => undefined) // whoever holds the request awaits it; never an unhandled rejection meanwhile
      const entry: Entry = { actor, roomName, claim, answer }
      open.set(key, [...(open.get(key) ?? []), entry])
      return { claimed, answer: answered, close: () => remove(key, entry) }
    },
    peek(sessionId, participantId) {
      const entry = open.get(keyOf(sessionId, participantId))?.[0]
      return entry && { roomName: entry.roomName }
    },
    claim(sessionId, participantId) {
      const key = keyOf(sessionId, participantId)
      const entry = open.get(key)?.[0]
      if (!entry) return undefined
      remove(key, entry)
      entry.claim()
      let sent = false
      return {
        actor: entry.actor,
        answer(answer) {
          if (sent) return
          sent = true
          entry.answer(answer)
        },
      }
    },
  }
}
