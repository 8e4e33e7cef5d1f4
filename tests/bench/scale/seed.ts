// Sessions for the scale benchmark, made through the app's API as people would: the demo host schedules joint
// sessions for the demo patient; the patient opens each link; in some the patient consents and waits, and the host
// arrives, so the host can admit them during the run.
export type Api = (
  method: string,
  path: string,
  cookie?: string,
  json?: unknown
) => Promise<Response>

export function apiAt(base: string): Api {
  return async (method, path, cookie, json) => {
    const res = await fetch(base + '/api' + path, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
    return res
  }
}

export const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!

export type SeededSession = {
  id: string
  patientCookie: string
  patientParticipantId: string
  waiting: boolean
}

export async function signInHost(api: Api): Promise<string> {
  return cookieOf(
    await api('POST', '/auth/sign-in', undefined, {
      email: 'dr.okafor@demo.clinic',
      password: 'demo-care-team-2026',
    })
  )
}

/** `count` sessions, the first `waiting` of them with the patient consented and waiting and the host arrived. */
export async function seedSessions(
  api: Api,
  host: string,
  count: number,
  waiting: number,
  parallel = 6
): Promise<SeededSession[]> {
  const patients = (await (await api('GET', '/patients', host)).json()) as {
    id: string
    displayName: string
  }[]
  const riley = patients.find((p) => p.displayName === 'Riley Chen')!
  const one = async (i: number): Promise<SeededSession> => {
    const scheduled = (await (
      await api('POST', '/sessions', host, {
        kind: 'joint_session',
        patientId: riley.id,
        startsAt: new Date(Date.now() + 60_000).toISOString(),
        durationMinutes: 60,
        invitePatient: true,
      })
    ).json()) as {
      session: { id: string; participants: { id: string; role: string }[] }
      links: { role: string; url: string; participantId: string }[]
    }
    const id = scheduled.session.id
    const link = scheduled.links.find((l) => l.role === 'patient')!
    const patientCookie = cookieOf(
      await api('POST', '/invitations/exchange', undefined, {
        sessionId: id,
        secret: new URL(link.url).hash.slice(1),
        dateOfBirth: '1986-03-14',
      })
    )
    if (i < waiting) {
      const overview = (await (
        await api('GET', `/sessions/${id}/consent`, patientCookie)
      ).json()) as {
        pending: { id: string }[]
      }
      await api('POST', `/sessions/${id}/consent`, patientCookie, {
        templateId: overview.pending[0]!.id,
        decision: 'given',
        signature: 'Riley Chen',
        covers: scheduled.session.participants
          .filter((p) => p.role === 'host')
          .map((p) => ({ participantId: p.id, present: true, categories: [] })),
      })
      await api('POST', `/sessions/${id}/arrival`, host)
      await api('POST', `/sessions/${id}/arrival`, patientCookie)
    }
    return { id, patientCookie, patientParticipantId: link.participantId, waiting: i < waiting }
  }
  const out: SeededSession[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++
        out[i] = await one(i)
      }
    })
  )
  return out
}
