// One session for clinicians: details and who is invited; for hosts, editing, cancelling, new links and the waiting
// room; after it ends, the attendance summary.
import { A, createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { PatientConsentSection } from '../consent/PatientConsentSection'
import { onSessionEvents } from '../lib/events'
import { formatDateTime, formatDuration } from '../lib/format'
import { Button } from '../ui/Button'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { LiveUpdatesStatus } from '../ui/LiveUpdatesStatus'
import { PageHeader } from '../ui/PageHeader'
import { RecordPage } from '../ui/RecordPage'
import { StatusBanner } from '../ui/StatusBanner'
import { getSession } from './api'
import { cancelSession } from './host-api'
import { ParticipantItem } from './ParticipantItem'
import { refreshLists } from './refresh'

// What only an ended session shows (attendance, the post-session review) and the edit form load when shown, so a
// clinician on the way into a call does not download them (BENCHMARKS.md, "bundle").
const AttendanceSection = lazy(() =>
  import('../attendance/AttendanceSection').then((m) => ({ default: m.AttendanceSection }))
)
const SessionReviewSection = lazy(() =>
  import('../outcomes/SessionReviewSection').then((m) => ({ default: m.SessionReviewSection }))
)
const EditSession = lazy(() => import('./EditSession').then((m) => ({ default: m.EditSession })))
// The waiting room and inviting someone are for the session's hosts only: other clinicians never load them.
const LobbyPanel = lazy(() =>
  import('../admission/LobbyPanel').then((m) => ({ default: m.LobbyPanel }))
)
const InviteSomeone = lazy(() =>
  import('./InviteSomeone').then((m) => ({ default: m.InviteSomeone }))
)

export default function SessionPage() {
  return (
    <RecordPage
      noun="Session"
      notFound="We couldn't find this session, or you don't have access to it."
      loading="Loading the session…"
      retry={(id) => void revalidate(getSession.keyFor(id))}
    >
      {(id) => <Loaded id={id} />}
    </RecordPage>
  )
}

function Loaded(props: { id: Id }) {
  const session = createAsync(() => getSession(props.id))
  return <Show when={session()}>{(session) => <SessionView session={session()} />}</Show>
}

const isOpen = (s: SessionDetail) => s.status === 'scheduled' || s.status === 'live'

function titleOf(s: SessionDetail) {
  return s.kind === 'joint_session'
    ? `Joint session with ${s.patientName}`
    : `Case conference about ${s.patientName}`
}

function SessionView(props: { session: SessionDetail }) {
  const [status, setStatus] = createSignal<string>()
  const [editing, setEditing] = createSignal(false)
  const [confirmCancel, setConfirmCancel] = createSignal(false)
  const [cancelError, setCancelError] = createSignal<unknown>()
  const [isCancelling, setIsCancelling] = createSignal(false)
  const s = () => props.session
  const canEdit = () => s().isHost && s().status === 'scheduled'

  async function cancel() {
    setIsCancelling(true)
    setCancelError(undefined)
    try {
      await cancelSession(s().id)
      setConfirmCancel(false)
      setStatus('The session was cancelled. Personal links for it no longer work.')
      await refreshLists(s())
    } catch (error) {
      setCancelError(error)
    } finally {
      setIsCancelling(false)
    }
  }

  return (
    <>
      <PageHeader title={titleOf(s())} tabTitle="Session">
        <dl class="facts">
          <div>
            <dt>When</dt>
            <dd>
              <time datetime={s().startsAt}>{formatDateTime(s().startsAt)}</time>
            </dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(s().durationMinutes)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{statusLabel[s().status]}</dd>
          </div>
        </dl>
      </PageHeader>
      <Show when={isOpen(s())}>
        <SessionEvents id={s().id} />
        <LiveUpdatesStatus />
      </Show>
      <StatusBanner message={status()} />

      <Show when={isOpen(s()) && s().myParticipantId}>
        <div class="actions actions-top">
          <A href={`/sessions/${s().id}/check`} class="button button-primary">
            Join
          </A>
          <Show when={canEdit() && !editing()}>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit time, duration or agenda
            </Button>
          </Show>
          <Show when={canEdit()}>
            <Button
              variant="secondary"
              class="button-danger-outline"
              onClick={() => {
                setCancelError(undefined)
                setConfirmCancel(true)
              }}
            >
              Cancel session
            </Button>
          </Show>
        </div>
      </Show>

      <Show when={editing()}>
        <Suspense>
          <EditSession
            session={s()}
            onDone={(message) => {
              setEditing(false)
              if (message) setStatus(message)
            }}
          />
        </Suspense>
      </Show>

      <Show when={s().agenda.trim()}>
        <section class="section" aria-labelledby="agenda-title">
          <h2 id="agenda-title">Agenda</h2>
          <p class="card-body">{s().agenda}</p>
        </section>
      </Show>

      <Switch>
        <Match when={s().status === 'ended'}>
          <Suspense>
            <AttendanceSection id={s().id} />
            <SessionReviewSection sessionId={s().id} patientId={s().patientId} />
          </Suspense>
        </Match>
        <Match when={s().status === 'cancelled'}>
          <p class="notice">This session was cancelled.</p>
        </Match>
      </Switch>

      <Show when={s().isHost && isOpen(s())}>
        <div class="section">
          <Suspense>
            <LobbyPanel sessionId={s().id} />
          </Suspense>
        </div>
      </Show>

      <section class="section" aria-labelledby="participants-title">
        <h2 id="participants-title">Who is invited</h2>
        <ul class="member-list">
          <For each={s().participants}>
            {(participant) => (
              <ParticipantItem
                session={s()}
                participant={participant}
                canMakeLink={s().isHost && isOpen(s()) && participant.joinsByLink}
              />
            )}
          </For>
        </ul>
      </section>

      <Show when={s().isHost && isOpen(s())}>
        <div class="section">
          <Suspense>
            <InviteSomeone session={s()} />
          </Suspense>
        </div>
      </Show>

      <Show when={isOpen(s())}>
        <div class="section">
          <PatientConsentSection
            sessionId={s().id}
            kind={s().kind}
            patientName={s().patientName}
            canRecord={s().isHost}
          />
        </div>
      </Show>

      <p>
        <A href={`/patients/${s().patientId}`} class="link-standalone">
          {s().patientName}'s page
        </A>
      </p>

      <ConfirmDialog
        open={confirmCancel()}
        title="Cancel this session?"
        confirmLabel="Cancel session"
        pendingLabel="Cancelling…"
        cancelLabel="Keep the session"
        pending={isCancelling()}
        error={cancelError()}
        onConfirm={() => void cancel()}
        onCancel={() => setConfirmCancel(false)}
      >
        <p>
          Everyone invited loses access, and personal links for it stop working. This can't be
          undone.
        </p>
      </ConfirmDialog>
    </>
  )
}

const statusLabel: Record<SessionDetail['status'], string> = {
  scheduled: 'Scheduled',
  live: 'In progress',
  ended: 'Ended',
  cancelled: 'Cancelled',
}

function SessionEvents(props: { id: Id }) {
  onSessionEvents(props.id, (event) => {
    if (!event || event.type === 'session.changed' || event.type === 'session.ended') {
      void revalidate(getSession.keyFor(props.id))
    }
  })
  return null
}
