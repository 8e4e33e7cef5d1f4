// The video call. Lazy-loaded: it is the only page that loads livekit-client. The server decides who may be here
// (a media token is minted only from an admission); this page shows the call and what ended it.
import { A, useNavigate } from '@solidjs/router'
import { DisconnectReason, Room, Track, type Participant } from 'livekit-client'
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
  type JSX,
} from 'solid-js'
import type { MyStatus } from '../../../../shared/admission'
import type { Id } from '../../../../shared/ids'
import type { SessionDetail } from '../../../../shared/sessions'
import { fetchMe } from '../../accounts/api'
import { ApiError } from '../../lib/api'
import { onSessionEvents } from '../../lib/events'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { Dialog } from '../../ui/Dialog'
import { ErrorMessage } from '../../ui/ErrorMessage'
import { LiveUpdatesStatus } from '../../ui/LiveUpdatesStatus'
import { mainId } from '../../ui/Layout'
import { PageHeader } from '../../ui/PageHeader'
import { StatusBanner } from '../../ui/StatusBanner'
import { arrive, fetchMyStatus, fetchSession, leaveSession } from '../api'
import {
  endSessionForEveryone,
  fetchMediaToken,
  muteParticipant,
  removeParticipant,
  stepOutPatient,
} from './api'
import { PatientConsentSection } from '../../consent/PatientConsentSection'
import { ConsentDialog, DropInRequests } from '../../consent/PatientControls'
import { deviceChoices, mediaErrorMessage, setDeviceChoice } from '../devices'
import { InviteSomeone } from '../InviteSomeone'
import { LobbyPanel } from '../LobbyPanel'
import { describeParticipant } from '../participants'
import type { WaitingPageState } from '../WaitingPage'
import {
  cameraSource,
  createCallRoom,
  isLoopbackUrl,
  isSpeaking,
  mayShareScreen,
  screenSource,
  type CallRoom,
} from './room'
import { VideoTile, type TileSource } from './VideoTile'
import { useIdParam } from '../../lib/route'

type Phase =
  | 'preparing'
  | 'connecting'
  | 'in-call'
  | 'left'
  | 'removed'
  | 'uncovered'
  | 'denied'
  | 'ended'
  | 'duplicate'
  | 'lost'
  | 'failed'

// Clinicians are signed out after IDLE_TIMEOUT_MINUTES without a request, but a call makes none. Being in a call
// is activity: ask the server something now and then, or a host could no longer admit or remove people.
const KEEP_SIGNED_IN_EVERY_MS = 4 * 60_000

export default function CallPage() {
  const id = useIdParam()
  return (
    <main id={mainId} tabindex="-1" class="call-main">
      <Show
        when={id()}
        keyed
        fallback={
          <Screen title="We couldn't find this session">
            <p>The address may be incomplete. Please open your link again.</p>
          </Screen>
        }
      >
        {(id) => <Call sessionId={id} />}
      </Show>
    </main>
  )
}

function Call(props: { sessionId: Id }) {
  const navigate = useNavigate()
  const [phase, setPhase] = createSignal<Phase>('preparing')
  const [detail, setDetail] = createSignal<SessionDetail>()
  const [call, setCall] = createSignal<CallRoom>()
  const [failure, setFailure] = createSignal<unknown>()
  const [mediaNote, setMediaNote] = createSignal<string>()
  let attempt = 0
  // Set when this window ends its own connection, so the disconnect that follows is not shown as a loss.
  let expectedDisconnect = false

  const me = () => {
    const d = detail()
    return d?.participants.find((p) => p.id === d.myParticipantId)
  }
  const isHost = () => detail()?.isHost ?? false
  const isClinician = () => (me()?.clinicianId ?? null) !== null

  function teardown() {
    const current = call()
    if (!current) return
    expectedDisconnect = true
    setCall(undefined)
    void current.room.disconnect().finally(() => current.dispose())
  }

  function finish(next: Phase) {
    teardown()
    setPhase(next)
  }

  async function join() {
    const thisAttempt = ++attempt
    teardown()
    expectedDisconnect = false
    setFailure(undefined)
    setMediaNote(undefined)
    setPhase('preparing')
    try {
      const [session, status] = await Promise.all([
        fetchSession(props.sessionId),
        fetchMyStatus(props.sessionId),
      ])
      if (thisAttempt !== attempt) return
      setDetail(session)
      if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled') {
        return setPhase('ended')
      }
      if (status.state === 'removed') return setPhase('removed')
      if (status.state === 'denied') return setPhase('denied')
      let state: MyStatus['state'] = status.state
      // Hosts go straight in: a host who left or reloaded arrives again.
      if (state !== 'admitted' && status.role === 'host') {
        state = (await arrive(props.sessionId)).state
      }
      if (state !== 'admitted') {
        navigate(`/sessions/${props.sessionId}/waiting`, { replace: true })
        return
      }

      const token = await fetchMediaToken(props.sessionId)
      if (thisAttempt !== attempt) return
      // Join-time marks (tests/bench/join.ts); the first remote track and frame are marked in room.ts.
      performance.mark('join:token')
      setPhase('connecting')
      const loopback = isLoopbackUrl(token.url)
      const current = createCallRoom({
        loopback,
        cameraId: deviceChoices().cameraId,
        micId: deviceChoices().micId,
        speakerId: deviceChoices().speakerId,
        onDisconnected: (reason) => {
          if (call() === current) onDisconnected(reason)
        },
      })
      setCall(current)
      // The loopback LiveKit of dev and tests has no reachable STUN/TURN; production configures real ones.
      await current.room.connect(token.url, token.token, {
        rtcConfig: loopback ? { iceServers: [] } : undefined,
      })
      if (call() !== current) return
      performance.mark('join:connected')
      setPhase('in-call')
      await publishChoices(current.room)
    } catch (error) {
      if (thisAttempt !== attempt) return
      teardown()
      if (error instanceof ApiError && error.code === 'not_admitted') {
        const state: WaitingPageState = { notice: error.message }
        navigate(`/sessions/${props.sessionId}/waiting`, { replace: true, state })
      } else if (error instanceof ApiError) {
        setFailure(error)
        setPhase('failed')
      } else {
        // livekit-client's connection errors: the network, a firewall, or the media server.
        setPhase('lost')
      }
    }
  }

  async function publishChoices(room: Room) {
    const problems: string[] = []
    const tryPublish = async (enabled: boolean, run: () => Promise<unknown>, what: string) => {
      if (!enabled) return
      try {
        await run()
      } catch (error) {
        problems.push(mediaErrorMessage(error, what).title)
      }
    }
    const me = room.localParticipant
    await tryPublish(deviceChoices().micOn, () => me.setMicrophoneEnabled(true), 'microphone')
    await tryPublish(deviceChoices().cameraOn, () => me.setCameraEnabled(true), 'camera')
    if (problems.length) {
      setMediaNote(
        `${problems.join(' ')} Others can't see or hear you until it works. ` +
          'You can try again with the buttons below.'
      )
    }
  }

  function onDisconnected(reason: DisconnectReason | undefined) {
    if (expectedDisconnect) return
    const current = call()
    setCall(undefined)
    current?.dispose()
    switch (reason) {
      case DisconnectReason.PARTICIPANT_REMOVED:
        // LiveKit says only "removed"; the server says why: a host, a withdrawn consent, a step-out, or leaving in
        // another window (the reconcile loop). Ask before showing anything, so nobody reads the wrong reason.
        void fetchMyStatus(props.sessionId)
          .then((status) => {
            if (call()) return // joined again meanwhile
            if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled')
              setPhase('ended')
            else if (status.state === 'stepped_out') backToWaiting()
            else if (status.state === 'left') setPhase(leftPhase(status))
            else if (status.state === 'admitted') setPhase('lost')
            else setPhase('removed')
          })
          .catch(() => setPhase('removed'))
        break
      case DisconnectReason.ROOM_DELETED:
        setPhase('ended')
        break
      case DisconnectReason.DUPLICATE_IDENTITY:
        setPhase('duplicate')
        break
      case DisconnectReason.CLIENT_INITIATED:
        break
      default:
        setPhase('lost')
    }
  }

  // Server events can arrive before LiveKit's own disconnect: act on whichever comes first.
  onSessionEvents(props.sessionId, (event) => {
    if (!event) {
      void recheck()
      return
    }
    if (event.type === 'admission.removed' && event.participantId === detail()?.myParticipantId) {
      if (event.reason === 'stepped_out') backToWaiting()
      else finish(event.reason === 'consent_withdrawn' ? 'uncovered' : 'removed')
    } else if (event.type === 'session.ended') {
      finish('ended')
    } else if (event.type === 'session.changed') {
      void fetchSession(props.sessionId)
        .then(setDetail)
        .catch(() => undefined)
    }
  })

  // The waiting room itself explains a step-out, so it needs no notice.
  function backToWaiting() {
    teardown()
    navigate(`/sessions/${props.sessionId}/waiting`, { replace: true })
  }

  async function recheck() {
    if (phase() !== 'in-call' && phase() !== 'connecting') return
    try {
      const status = await fetchMyStatus(props.sessionId)
      if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled') finish('ended')
      else if (status.state === 'removed') finish('removed')
      else if (status.state === 'stepped_out') backToWaiting()
      else if (status.state === 'left' && status.leftBecause === 'consent_withdrawn')
        finish('uncovered')
    } catch {
      // The call itself goes on; the next event or reconnect checks again.
    }
  }

  async function leave() {
    expectedDisconnect = true
    try {
      await leaveSession(props.sessionId)
    } catch {
      // Leaving the media still leaves; the server closes the admission when LiveKit reports it.
    }
    finish('left')
  }

  // Someone in the call whose identity we don't know yet (added after we loaded): look again, once per person.
  const askedAbout = new Set<string>()
  function labelFor(participant: Participant) {
    const person = detail()?.participants.find((p) => p.id === participant.identity)
    if (!person && !askedAbout.has(participant.identity)) {
      askedAbout.add(participant.identity)
      void fetchSession(props.sessionId)
        .then(setDetail)
        .catch(() => undefined)
    }
    return person
  }

  createEffect(
    on(phase, (current) => {
      document.title = `${titleFor(current)} · Care team sessions`
      // A new screen: start reading and tabbing at its heading.
      requestAnimationFrame(() =>
        (
          document.querySelector<HTMLElement>('[data-screen-heading]') ??
          document.getElementById(mainId)
        )?.focus({ preventScroll: true })
      )
    })
  )

  createEffect(() => {
    if (phase() !== 'in-call' || !isClinician()) return
    const timer = setInterval(() => void fetchMe().catch(() => undefined), KEEP_SIGNED_IN_EVERY_MS)
    onCleanup(() => clearInterval(timer))
  })

  onMount(() => {
    // The call page's code has loaded and it starts joining (tests/bench/join.ts).
    performance.mark('join:call-page')
    void join()
  })
  onCleanup(() => {
    attempt += 1
    teardown()
  })

  const rejoin = () => {
    if (isHost()) void join()
    else navigate(`/sessions/${props.sessionId}/waiting`)
  }

  return (
    <Switch>
      <Match when={phase() === 'preparing' || phase() === 'connecting'}>
        <Screen title={phase() === 'preparing' ? 'Getting your call ready' : 'Connecting…'}>
          <p class="loading" role="status">
            {phase() === 'preparing' ? 'Checking that you can join…' : 'Connecting…'}
          </p>
          <LiveUpdatesStatus />
        </Screen>
      </Match>
      <Match when={phase() === 'in-call' && call()}>
        {(current) => (
          <InCall
            sessionId={props.sessionId}
            call={current()}
            detail={detail()}
            isHost={isHost()}
            labelFor={labelFor}
            mediaNote={mediaNote()}
            onLeave={() => void leave()}
            onEnded={() => finish('ended')}
          />
        )}
      </Match>
      <Match when={phase() === 'removed'}>
        <OutOfCallScreen
          title="A host removed you from this session."
          sessionId={props.sessionId}
          isClinician={isClinician()}
        >
          If you think this is a mistake, please contact your care team.
        </OutOfCallScreen>
      </Match>
      <Match when={phase() === 'uncovered'}>
        <OutOfCallScreen
          title="You have left the call."
          sessionId={props.sessionId}
          isClinician={isClinician()}
        >
          The patient's consent no longer covers you in this session, so the call ended for you.
        </OutOfCallScreen>
      </Match>
      <Match when={phase() === 'denied'}>
        <OutOfCallScreen
          title="A host has declined your request to join this session."
          sessionId={props.sessionId}
          isClinician={isClinician()}
        >
          If you think this is a mistake, please contact your care team.
        </OutOfCallScreen>
      </Match>
      <Match when={phase() === 'ended'}>
        <Screen title="The session has ended.">
          <Show
            when={isClinician()}
            fallback={<p>Thank you for joining. You can close this page now.</p>}
          >
            <HomeLinks sessionId={props.sessionId} />
          </Show>
        </Screen>
      </Match>
      <Match when={phase() === 'left'}>
        <Screen title="You left the session.">
          <div class="actions">
            <Button onClick={rejoin}>{isHost() ? 'Rejoin' : 'Ask to join again'}</Button>
          </div>
          <Show when={isClinician()}>
            <HomeLinks sessionId={props.sessionId} />
          </Show>
        </Screen>
      </Match>
      <Match when={phase() === 'duplicate'}>
        <Screen title="You joined from another window or device.">
          <p>This window has been disconnected.</p>
          <div class="actions">
            <Button onClick={() => void join()}>Use this window instead</Button>
          </div>
        </Screen>
      </Match>
      <Match when={phase() === 'lost'}>
        <Screen title="Connection lost">
          <p>
            We lost the connection to the call. Check your internet connection, then try again. You
            won't need to wait to be let in again.
          </p>
          <div class="actions">
            <Button onClick={() => void join()}>Try again</Button>
          </div>
        </Screen>
      </Match>
      <Match when={phase() === 'failed'}>
        <Screen title="We couldn't start your call">
          <ErrorMessage error={failure()} onRetry={() => void join()} />
          <Show when={isClinician()}>
            <HomeLinks sessionId={props.sessionId} />
          </Show>
        </Screen>
      </Match>
    </Switch>
  )
}

function leftPhase(status: MyStatus): Phase {
  return status.leftBecause === 'consent_withdrawn' ? 'uncovered' : 'left'
}

function titleFor(phase: Phase): string {
  switch (phase) {
    case 'in-call':
      return 'In a call'
    case 'ended':
      return 'Session ended'
    default:
      return 'Call'
  }
}

function Screen(props: { title: string; children: JSX.Element }) {
  return (
    <div class="call-screen">
      <h1 class="call-screen-title" tabindex="-1" data-screen-heading>
        {props.title}
      </h1>
      {props.children}
    </div>
  )
}

/** A screen for someone who is out of the call for good: why, and for clinicians where to go next. */
function OutOfCallScreen(props: {
  title: string
  sessionId: Id
  isClinician: boolean
  children: JSX.Element
}) {
  return (
    <Screen title={props.title}>
      <p>{props.children}</p>
      <Show when={props.isClinician}>
        <HomeLinks sessionId={props.sessionId} />
      </Show>
    </Screen>
  )
}

function HomeLinks(props: { sessionId: Id }) {
  return (
    <ul class="plain-list">
      <li>
        <A href={`/sessions/${props.sessionId}`} class="link-standalone">
          Session details and attendance
        </A>
      </li>
      <li>
        <A href="/" class="link-standalone">
          Go to the home page
        </A>
      </li>
    </ul>
  )
}

type TileItem = { key: string; participant: Participant; source: TileSource; isLocal: boolean }

type InCallProps = {
  sessionId: Id
  call: CallRoom
  detail: SessionDetail | undefined
  isHost: boolean
  labelFor: (participant: Participant) => SessionDetail['participants'][number] | undefined
  mediaNote: string | undefined
  onLeave: () => void
  onEnded: () => void
}

function InCall(props: InCallProps) {
  const room = () => props.call.room
  const [actionNote, setActionNote] = createSignal<string>()
  const [actionError, setActionError] = createSignal<unknown>()
  const [removing, setRemoving] = createSignal<{ id: Id; name: string }>()
  const [removeError, setRemoveError] = createSignal<unknown>()
  const [isRemoving, setIsRemoving] = createSignal(false)
  const [confirmEnd, setConfirmEnd] = createSignal(false)
  const [endError, setEndError] = createSignal<unknown>()
  const [isEnding, setIsEnding] = createSignal(false)
  const [devicesOpen, setDevicesOpen] = createSignal(false)
  const [stepOutOpen, setStepOutOpen] = createSignal(false)
  const [consentOpen, setConsentOpen] = createSignal(false)
  // Only the patient of a joint session holds a consent to manage from the call.
  const isPatientHere = () =>
    props.detail?.kind === 'joint_session' && props.labelFor(local())?.role === 'patient'
  const [toggling, setToggling] = createSignal<string>()

  // Stable objects per tile, so <For> keeps each tile (and its attached video) across updates.
  const tileCache = new Map<string, TileItem>()
  const tiles = createMemo(() => {
    props.call.version()
    const local = room().localParticipant
    const remotes = [...room().remoteParticipants.values()]
    const items: TileItem[] = []
    const add = (participant: Participant, source: TileSource, isLocal: boolean) => {
      const key = `${participant.identity}:${source}`
      let item = tileCache.get(key)
      if (!item || item.participant !== participant) {
        item = { key, participant, source, isLocal }
        tileCache.set(key, item)
      }
      items.push(item)
    }
    for (const p of [local, ...remotes]) {
      if (p.getTrackPublication(screenSource)) add(p, screenSource, p === local)
    }
    for (const p of remotes) add(p, cameraSource, false)
    add(local, cameraSource, true)
    return items
  })

  const local = () => {
    props.call.version()
    return room().localParticipant
  }
  const micOn = () => local().isMicrophoneEnabled
  const cameraOn = () => local().isCameraEnabled
  const sharing = () => local().isScreenShareEnabled
  const canShare = () => {
    const role = props.labelFor(local())?.role
    const clinicianRole = role === 'host' || role === 'clinician' || role === 'specialist'
    return (
      clinicianRole &&
      mayShareScreen(local()) &&
      typeof navigator.mediaDevices?.getDisplayMedia === 'function'
    )
  }

  async function toggle(what: 'microphone' | 'camera' | 'screen') {
    if (toggling()) return
    setToggling(what)
    setActionError(undefined)
    const participant = room().localParticipant
    try {
      if (what === 'microphone') {
        const next = !participant.isMicrophoneEnabled
        await participant.setMicrophoneEnabled(next)
        setDeviceChoice('micOn', next)
      } else if (what === 'camera') {
        const next = !participant.isCameraEnabled
        await participant.setCameraEnabled(next)
        setDeviceChoice('cameraOn', next)
      } else {
        await participant.setScreenShareEnabled(!participant.isScreenShareEnabled, { audio: false })
      }
    } catch (error) {
      // Choosing Cancel in the browser's screen picker is not a problem to report.
      const cancelled =
        what === 'screen' && error instanceof Error && error.name === 'NotAllowedError'
      if (!cancelled) {
        const message = mediaErrorMessage(error, what === 'screen' ? 'screen sharing' : what)
        setActionNote(`${message.title} ${message.help}`)
      }
    } finally {
      setToggling(undefined)
    }
  }

  async function muteSomeone(id: Id, name: string) {
    setActionError(undefined)
    try {
      const { muted } = await muteParticipant(props.sessionId, id)
      setActionNote(
        muted
          ? `${name}'s microphone was muted. They can turn it back on.`
          : `${name}'s microphone was already off.`
      )
    } catch (error) {
      setActionError(error)
    }
  }

  async function confirmRemove() {
    const target = removing()
    if (!target) return
    setIsRemoving(true)
    setRemoveError(undefined)
    try {
      await removeParticipant(props.sessionId, target.id)
      setActionNote(`${target.name} was removed from the session.`)
      setRemoving(undefined)
    } catch (error) {
      setRemoveError(error)
    } finally {
      setIsRemoving(false)
    }
  }

  async function endForEveryone() {
    setIsEnding(true)
    setEndError(undefined)
    try {
      await endSessionForEveryone(props.sessionId)
      setConfirmEnd(false)
      props.onEnded()
    } catch (error) {
      setEndError(error)
      setIsEnding(false)
    }
  }

  const hostActions = (participant: Participant, source: TileSource, isLocal: boolean) => {
    if (!props.isHost || isLocal || source !== cameraSource) return undefined
    const person = props.labelFor(participant)
    if (!person || person.role === 'host') return undefined
    const micLive = () => {
      props.call.version()
      const pub = participant.getTrackPublication(Track.Source.Microphone)
      return Boolean(pub && !pub.isMuted)
    }
    return (
      <>
        <Show when={micLive()}>
          <Button
            variant="secondary"
            class="button-small"
            onClick={() => void muteSomeone(person.id, person.displayName)}
          >
            Mute<span class="visually-hidden"> {person.displayName}</span>
          </Button>
        </Show>
        <Button
          variant="secondary"
          class="button-small button-danger-outline"
          onClick={() => {
            setRemoveError(undefined)
            setRemoving({ id: person.id, name: person.displayName })
          }}
        >
          Remove<span class="visually-hidden"> {person.displayName}</span>
        </Button>
      </>
    )
  }

  return (
    <div class="call" classList={{ 'call-with-side': props.isHost }}>
      <PageHeader title="Video call" tabTitle="In a call" hideTitle />
      <div class="call-stage">
        <div class="call-banners">
          <Show when={props.call.reconnecting()}>
            <p class="call-banner call-banner-warning" role="status">
              Reconnecting… Your call will continue when the connection is back.
            </p>
          </Show>
          <LiveUpdatesStatus />
          <Show when={!props.call.canPlayAudio()}>
            <div class="call-banner" role="status">
              <p>Your browser paused the sound of this call.</p>
              <Button onClick={() => void room().startAudio()}>Turn on sound</Button>
            </div>
          </Show>
          <Show when={isPatientHere()}>
            <DropInRequests sessionId={props.sessionId} />
          </Show>
          <StatusBanner message={props.mediaNote ?? actionNote()} />
          <Show when={actionError()}>{(error) => <ErrorMessage error={error()} />}</Show>
        </div>
        <ul class="video-grid" aria-label="People in the call" data-count={tiles().length}>
          <For each={tiles()}>
            {(item) => {
              const person = () => {
                props.call.version()
                return props.labelFor(item.participant)
              }
              // A memo, so the buttons are made once per change rather than on every read.
              const actions = createMemo(() =>
                hostActions(item.participant, item.source, item.isLocal)
              )
              return (
                <VideoTile
                  participant={item.participant}
                  source={item.source}
                  isLocal={item.isLocal}
                  name={person()?.displayName ?? 'Guest'}
                  detail={person() ? describeParticipant(person()!) : ''}
                  version={props.call.version}
                  speaking={(props.call.version(), isSpeaking(room(), item.participant))}
                  actions={actions()}
                />
              )
            }}
          </For>
        </ul>
      </div>

      <Show when={props.isHost}>
        <aside class="call-side" aria-label="Host tools">
          <LobbyPanel sessionId={props.sessionId} />
          <Show when={props.detail}>{(detail) => <InviteSomeone session={detail()} />}</Show>
          <Show when={props.detail}>
            {(detail) => (
              <PatientConsentSection
                sessionId={props.sessionId}
                kind={detail().kind}
                patientName={detail().patientName}
                canRecord
              />
            )}
          </Show>
        </aside>
      </Show>

      <section class="call-controls" aria-label="Call controls">
        <CallToggle
          label="Microphone"
          pressed={micOn()}
          pending={toggling() === 'microphone'}
          onClick={() => void toggle('microphone')}
        />
        <CallToggle
          label="Camera"
          pressed={cameraOn()}
          pending={toggling() === 'camera'}
          onClick={() => void toggle('camera')}
        />
        <Show when={canShare()}>
          <CallToggle
            label="Share screen"
            pressed={sharing()}
            pending={toggling() === 'screen'}
            onClick={() => void toggle('screen')}
          />
        </Show>
        <Button variant="secondary" onClick={() => setDevicesOpen(true)}>
          Devices
        </Button>
        <Show when={isPatientHere()}>
          <Button variant="secondary" onClick={() => setConsentOpen(true)}>
            Your consent
          </Button>
        </Show>
        <Button class="button-danger" onClick={() => props.onLeave()}>
          Leave call
        </Button>
        <Show when={props.isHost && props.detail?.kind === 'joint_session'}>
          <Button variant="secondary" onClick={() => setStepOutOpen(true)}>
            Step out the patient
          </Button>
        </Show>
        <Show when={props.isHost}>
          <Button
            variant="secondary"
            class="button-danger-outline"
            onClick={() => {
              setEndError(undefined)
              setConfirmEnd(true)
            }}
          >
            End session for everyone
          </Button>
        </Show>
      </section>

      <DevicesDialog room={room()} open={devicesOpen()} onClose={() => setDevicesOpen(false)} />
      <Show when={isPatientHere()}>
        <ConsentDialog
          sessionId={props.sessionId}
          open={consentOpen()}
          onClose={() => setConsentOpen(false)}
        />
      </Show>
      <StepOutDialog
        sessionId={props.sessionId}
        open={stepOutOpen()}
        onClose={(note) => {
          setStepOutOpen(false)
          if (note) setActionNote(note)
        }}
      />
      <ConfirmDialog
        open={removing() !== undefined}
        title={`Remove ${removing()?.name ?? ''}?`}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        cancelLabel="Go back"
        pending={isRemoving()}
        error={removeError()}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(undefined)}
      >
        <p>They will leave the call at once and can't join this session again.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmEnd()}
        title="End the session for everyone?"
        confirmLabel="End session"
        pendingLabel="Ending…"
        cancelLabel="Go back"
        pending={isEnding()}
        error={endError()}
        onConfirm={() => void endForEveryone()}
        onCancel={() => setConfirmEnd(false)}
      >
        <p>Everyone leaves the call, and personal links for this session stop working.</p>
      </ConfirmDialog>
    </div>
  )
}

function CallToggle(props: {
  label: string
  pressed: boolean
  pending: boolean
  onClick: () => void
}) {
  return (
    <button
      type="button"
      class="button button-secondary toggle"
      aria-pressed={props.pressed ? 'true' : 'false'}
      aria-disabled={props.pending ? 'true' : undefined}
      onClick={() => props.onClick()}
    >
      {props.label}
      <span class="toggle-state" aria-hidden="true">
        {props.pressed ? 'On' : 'Off'}
      </span>
    </button>
  )
}

function DevicesDialog(props: { room: Room; open: boolean; onClose: () => void }) {
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([])
  const [error, setError] = createSignal<unknown>()

  createEffect(() => {
    if (!props.open) return
    void Room.getLocalDevices(undefined, false)
      .then(setDevices)
      .catch(() => setDevices([]))
  })

  async function choose(kind: MediaDeviceKind, deviceId: string) {
    setError(undefined)
    try {
      await props.room.switchActiveDevice(kind, deviceId)
      if (kind === 'videoinput') setDeviceChoice('cameraId', deviceId)
      if (kind === 'audioinput') setDeviceChoice('micId', deviceId)
      if (kind === 'audiooutput') setDeviceChoice('speakerId', deviceId)
    } catch (err) {
      setError(err)
    }
  }

  const kinds: { kind: MediaDeviceKind; label: string; name: string }[] = [
    { kind: 'videoinput', label: 'Camera', name: 'Camera' },
    { kind: 'audioinput', label: 'Microphone', name: 'Microphone' },
    { kind: 'audiooutput', label: 'Speaker', name: 'Speaker' },
  ]

  return (
    <Dialog open={props.open} title="Devices" onCancel={() => props.onClose()}>
      <For each={kinds}>
        {(k) => {
          const list = () => devices().filter((d) => d.kind === k.kind && d.deviceId)
          const canSwitch = () =>
            k.kind !== 'audiooutput' || 'setSinkId' in HTMLMediaElement.prototype
          return (
            <Show when={list().length > 0 && canSwitch()}>
              <div class="field">
                <label class="field-label" for={`call-${k.kind}`}>
                  {k.label}
                </label>
                <select
                  id={`call-${k.kind}`}
                  class="input select"
                  onChange={(event) => void choose(k.kind, event.currentTarget.value)}
                >
                  <For each={list()}>
                    {(device, index) => (
                      <option
                        value={device.deviceId}
                        selected={device.deviceId === props.room.getActiveDevice(k.kind)}
                      >
                        {device.label || `${k.name} ${index() + 1}`}
                      </option>
                    )}
                  </For>
                </select>
              </div>
            </Show>
          )
        }}
      </For>
      <Show when={error()}>
        {(err) => (
          <p class="field-error" role="alert">
            {mediaErrorMessage(err(), 'device').title}
          </p>
        )}
      </Show>
      <div class="actions">
        <Button onClick={() => props.onClose()}>Done</Button>
      </div>
    </Dialog>
  )
}

function StepOutDialog(props: { sessionId: Id; open: boolean; onClose: (note?: string) => void }) {
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  let message!: HTMLInputElement

  async function stepOut() {
    setPending(true)
    setError(undefined)
    try {
      const { steppedOut } = await stepOutPatient(props.sessionId, message.value.trim() || null)
      props.onClose(
        steppedOut === 0
          ? 'No patient or partner was in the call.'
          : 'The patient is in the waiting room. Let them back in from the waiting room when you are ready.'
      )
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <Dialog open={props.open} title="Step out the patient?" onCancel={() => props.onClose()}>
      <p>
        The patient (and their partner) wait in the waiting room while the clinicians talk. You let
        them back in from the waiting room; they don't need to consent again.
      </p>
      <div class="field">
        <label class="field-label" for="step-out-message">
          Message to them while they wait (optional)
        </label>
        <input
          ref={message}
          id="step-out-message"
          class="input"
          maxlength="280"
          placeholder="We'll be with you again in a few minutes."
        />
      </div>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <div class="actions">
        <Button variant="secondary" onClick={() => props.onClose()}>
          Go back
        </Button>
        <Button pending={pending()} pendingLabel="Stepping out…" onClick={() => void stepOut()}>
          Step out
        </Button>
      </div>
    </Dialog>
  )
}
