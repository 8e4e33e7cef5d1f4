// One session for clinicians: details and who is invited; for hosts, editing, cancelling, new links and the waiting
// room; after it ends, the attendance summary.
import { A, createAsync, revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js'
import { TEAM_CONFERENCE_MINIMUM_MINUTES, type AttendanceSummary } from '../../../shared/attendance'
import type { Id } from '../../../shared/ids'
import type { InvitationLink, Participant, SessionDetail } from '../../../shared/sessions'
import { ApiError } from '../lib/api'
import { onSessionEvents } from '../lib/events'
import { formatDateTime, formatDuration } from '../lib/format'
import { formText } from '../lib/forms'
import { listPatientSessions } from '../patients/api'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field } from '../ui/Field'
import { LiveUpdatesStatus } from '../ui/LiveUpdatesStatus'
import { PageHeader } from '../ui/PageHeader'
import { StatusBanner } from '../ui/StatusBanner'
import { getSession, listMySessions } from './api'
import { cancelSession, getAttendance, makeNewLink, updateSession } from './host-api'
import { PatientConsentSection } from '../consent/PatientConsentSection'
import { InviteSomeone } from './InviteSomeone'
import { LobbyPanel } from './LobbyPanel'
import { describeParticipant, roleLabel } from './participants'
import { durationOptions, localDateValue, localTimeValue, toInstant } from './time'
import { useIdParam } from '../lib/route'

export default function SessionPage() {
  const id = useIdParam()
  return (
    <Show when={id()} keyed fallback={<SessionNotFound />}>
      {(id) => (
        <AsyncBoundary
          loading="Loading the session…"
          retry={() => void revalidate(getSession.keyFor(id))}
          fallback={(error, retry) =>
            error instanceof ApiError && error.code === 'not_found' ? (
              <SessionNotFound />
            ) : (
              <>
                <PageHeader title="Session" />
                <ErrorMessage error={error} onRetry={retry} />
              </>
            )
          }
        >
          <Loaded id={id} />
        </AsyncBoundary>
      )}
    </Show>
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
        <EditSession
          session={s()}
          onDone={(message) => {
            setEditing(false)
            if (message) setStatus(message)
          }}
        />
      </Show>

      <Show when={s().agenda.trim()}>
        <section class="section" aria-labelledby="agenda-title">
          <h2 id="agenda-title">Agenda</h2>
          <p class="card-body">{s().agenda}</p>
        </section>
      </Show>

      <Switch>
        <Match when={s().status === 'ended'}>
          <Attendance id={s().id} />
        </Match>
        <Match when={s().status === 'cancelled'}>
          <p class="notice">This session was cancelled.</p>
        </Match>
      </Switch>

      <Show when={s().isHost && isOpen(s())}>
        <div class="section">
          <LobbyPanel sessionId={s().id} />
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
          <InviteSomeone session={s()} />
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

async function refreshLists(s: SessionDetail) {
  await Promise.all([
    revalidate(getSession.keyFor(s.id)),
    revalidate(listMySessions.keyFor('upcoming')),
    revalidate(listMySessions.keyFor('past')),
    revalidate(listPatientSessions.keyFor(s.patientId)),
  ])
}

function ParticipantItem(props: {
  session: SessionDetail
  participant: Participant
  canMakeLink: boolean
}) {
  const [link, setLink] = createSignal<InvitationLink>()
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)

  async function newLink() {
    setPending(true)
    setError(undefined)
    try {
      setLink(await makeNewLink(props.session.id, props.participant.id))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <li class="member member-stacked">
      <div>
        <span class="member-name">{props.participant.displayName}</span>{' '}
        <span class="member-detail">{describeParticipant(props.participant)}</span>
        <Show when={props.participant.id === props.session.myParticipantId}>
          <span class="tag tag-accent">You</span>
        </Show>
        <Show when={props.participant.joinsByLink}>
          <span class="tag">Joins by link</span>
        </Show>
      </div>
      <Show when={props.canMakeLink}>
        <Show
          when={link()}
          fallback={
            <Button
              variant="secondary"
              class="button-small"
              pending={pending()}
              pendingLabel="Making a link…"
              onClick={() => void newLink()}
            >
              New link<span class="visually-hidden"> for {props.participant.displayName}</span>
            </Button>
          }
        >
          {(made) => (
            <div class="new-link">
              <CopyLink
                name={made().displayName}
                labelPrefix="New personal link for"
                url={made().url}
              />
              <p class="muted">
                Shown once. Their previous link no longer works. Works until{' '}
                <time datetime={made().expiresAt}>{formatDateTime(made().expiresAt)}</time>.
              </p>
            </div>
          )}
        </Show>
        <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      </Show>
    </li>
  )
}

function EditSession(props: { session: SessionDetail; onDone: (message?: string) => void }) {
  const id = createUniqueId()
  const [errors, setErrors] = createSignal<Partial<Record<string, string>>>({})
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)
  const starts = new Date(props.session.startsAt)
  const durations = [...new Set([...durationOptions, props.session.durationMinutes])].sort(
    (a, b) => a - b
  )

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (pending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    const startsAt = toInstant(formText(data, 'date'), formText(data, 'time'))
    if (!startsAt) {
      setErrors({ startsAt: 'Enter a date and a time.' })
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    const durationMinutes = Number(formText(data, 'durationMinutes'))
    const agenda = formText(data, 'agenda').trim()
    const changes = {
      ...(startsAt !== new Date(props.session.startsAt).toISOString() ? { startsAt } : {}),
      ...(durationMinutes !== props.session.durationMinutes ? { durationMinutes } : {}),
      ...(agenda !== props.session.agenda ? { agenda } : {}),
    }
    if (Object.keys(changes).length === 0) {
      props.onDone()
      return
    }
    setErrors({})
    setError(undefined)
    setPending(true)
    try {
      await updateSession(props.session.id, changes)
      await refreshLists(props.session)
      props.onDone('Changes saved.')
    } catch (err) {
      const match =
        err instanceof ApiError
          ? /^(startsAt|durationMinutes|agenda): (.+)$/.exec(err.message)
          : null
      if (match?.[1] && match[2]) setErrors({ [match[1]]: match[2] })
      else setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <section class="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit the session</h2>
      <form class="form" novalidate onSubmit={(event) => void onSubmit(event)}>
        <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
        <div class="field-row">
          <Field
            label="Date"
            name="date"
            type="date"
            value={localDateValue(starts)}
            error={errors().startsAt}
          />
          <Field label="Start time" name="time" type="time" value={localTimeValue(starts)} />
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-duration`}>
            Duration
          </label>
          <select id={`${id}-duration`} name="durationMinutes" class="input select">
            <For each={durations}>
              {(minutes) => (
                <option value={minutes} selected={minutes === props.session.durationMinutes}>
                  {formatDuration(minutes)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-agenda`}>
            Agenda
          </label>
          <textarea
            id={`${id}-agenda`}
            name="agenda"
            class="input textarea"
            rows="3"
            maxlength="2000"
            value={props.session.agenda}
          />
        </div>
        <div class="actions">
          <Button type="submit" pending={pending()} pendingLabel="Saving…">
            Save changes
          </Button>
          <Button variant="secondary" onClick={() => props.onDone()}>
            Discard changes
          </Button>
        </div>
      </form>
    </section>
  )
}

function Attendance(props: { id: Id }) {
  return (
    <section class="section" aria-labelledby="attendance-title">
      <h2 id="attendance-title">Attendance</h2>
      <AsyncBoundary
        loading="Loading attendance…"
        retry={() => void revalidate(getAttendance.keyFor(props.id))}
      >
        <AttendanceLoaded id={props.id} />
      </AsyncBoundary>
    </section>
  )
}

function AttendanceLoaded(props: { id: Id }) {
  const summary = createAsync(() => getAttendance(props.id))
  return <Show when={summary()}>{(summary) => <AttendanceTable summary={summary()} />}</Show>
}

function formatMinutes(minutes: number): string {
  const rounded = minutes < 10 ? Math.round(minutes * 10) / 10 : Math.round(minutes)
  return `${rounded} min`
}

function AttendanceTable(props: { summary: AttendanceSummary }) {
  return (
    <>
      <p>
        The call lasted {formatMinutes(props.summary.durationMinutes)}, from the first person
        joining to the last leaving. Team-conference billing needs at least{' '}
        {TEAM_CONFERENCE_MINIMUM_MINUTES} minutes from each clinician.
      </p>
      <div class="table-scroll" role="region" aria-label="Attendance by person" tabindex="0">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Attended</th>
              <th scope="col">First joined</th>
              <th scope="col">Last left</th>
              <th scope="col">{TEAM_CONFERENCE_MINIMUM_MINUTES}-minute minimum</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.summary.lines}>
              {(line) => (
                <tr>
                  <th scope="row">
                    <span class="member-name">{line.displayName}</span>
                    <span class="table-detail">{describeParticipant(line)}</span>
                  </th>
                  <td>{formatMinutes(line.attendedMinutes)}</td>
                  <td>
                    <Show when={line.firstJoinedAt} fallback="Did not join">
                      {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
                    </Show>
                  </td>
                  <td>
                    <Show when={line.lastLeftAt} fallback="—">
                      {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
                    </Show>
                  </td>
                  <td>
                    <Switch>
                      <Match when={line.meetsTeamConferenceMinimum === true}>Met</Match>
                      <Match when={line.meetsTeamConferenceMinimum === false}>Not met</Match>
                      <Match when={line.meetsTeamConferenceMinimum === null}>
                        <span aria-hidden="true">—</span>
                        <span class="visually-hidden">Not applicable ({roleLabel[line.role]})</span>
                      </Match>
                    </Switch>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  )
}

function SessionNotFound() {
  return (
    <>
      <PageHeader title="Session not found" />
      <p>We couldn't find this session, or you don't have access to it.</p>
      <p>
        <A href="/" class="link-standalone">
          Go to the home page
        </A>
      </p>
    </>
  )
}
