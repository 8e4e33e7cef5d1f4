// After a session: the clinicians' post-session form and the session summary it feeds.
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { GAS_RATINGS, gasRatingLabel, type SessionSummary } from '../../../shared/session-review'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { getSessionSummary, listInstruments, saveReview } from './api'
import { createOffer, OfferChoice, OfferOutcome } from './OfferQuestionnaires'

export function SessionReviewSection(props: { sessionId: Id; patientId: Id }) {
  const offer = createOffer(() => props.patientId)
  const summary = createAsync(() => getSessionSummary(props.sessionId))
  return (
    <section class="section" aria-labelledby="session-review">
      <h2 id="session-review">After the session</h2>
      <AsyncBoundary
        loading="Loading the summary…"
        retry={() => void revalidate(getSessionSummary.keyFor(props.sessionId))}
      >
        <Show when={summary()}>
          {(s) => (
            <>
              <Summary summary={s()} />
              <ReviewForm sessionId={props.sessionId} summary={s()} />
              <OfferChoice offer={offer} />
              <OfferOutcome offer={offer} />
            </>
          )}
        </Show>
      </AsyncBoundary>
    </section>
  )
}

function Summary(props: { summary: SessionSummary }) {
  const present = () => props.summary.attendance.lines.filter((l) => l.attendedMinutes > 0)
  return (
    <div class="session-summary">
      <h3>Summary</h3>
      <p>
        Attendance: {present().length} of {props.summary.attendance.lines.length} people joined
        {present().length
          ? ` (${present()
              .map((l) => l.displayName)
              .join(', ')})`
          : ''}
        .
      </p>
      <Show when={props.summary.review?.decisions}>{(d) => <p>Decisions: {d()}</p>}</Show>
      <h4>Care-plan changes since the last version</h4>
      <Show when={props.summary.planChanges.length > 0} fallback={<p>No changes.</p>}>
        <ul>
          <For each={props.summary.planChanges}>{(c) => <li>{`${c.kind}: ${c.label}`}</li>}</For>
        </ul>
      </Show>
      <h4>Measures</h4>
      <Show
        when={props.summary.measures.length > 0}
        fallback={<p>No questionnaires for this session yet.</p>}
      >
        <ul>
          <For each={props.summary.measures}>
            {(m) => (
              <li>
                {m.instrument} ({m.respondentRole}):{' '}
                {m.status === 'open'
                  ? 'not answered yet'
                  : `${m.total}${m.band ? `, ${m.band}` : ''}`}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}

function ReviewForm(props: { sessionId: Id; summary: SessionSummary }) {
  const r = props.summary.review
  const [attendance, setAttendance] = createSignal(r?.attendanceConfirmed ?? false)
  const [assessment, setAssessment] = createSignal(r?.assessment ?? '')
  const [decisions, setDecisions] = createSignal(r?.decisions ?? '')
  const [nextSteps, setNextSteps] = createSignal(r?.nextSteps ?? '')
  const [followUp, setFollowUp] = createSignal(r?.followUpOn ?? '')
  const [ratings, setRatings] = createSignal<Record<string, number>>(
    Object.fromEntries((r?.goalRatings ?? []).map((g) => [g.goalId, g.rating]))
  )
  const [due, setDue] = createSignal<Record<string, string>>(
    Object.fromEntries((r?.measuresDue ?? []).map((m) => [m.instrumentKey, m.dueOn]))
  )
  const instruments = createAsync(() => listInstruments())
  const [saving, setSaving] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const [saved, setSaved] = createSignal(false)

  async function save(event: SubmitEvent) {
    event.preventDefault()
    setSaving(true)
    setError(undefined)
    setSaved(false)
    try {
      await saveReview(props.sessionId, {
        attendanceConfirmed: attendance(),
        assessment: assessment(),
        decisions: decisions(),
        nextSteps: nextSteps(),
        goalRatings: Object.entries(ratings()).map(([goalId, rating]) => ({ goalId, rating })),
        followUpOn: followUp() || null,
        measuresDue: Object.entries(due())
          .filter(([, d]) => d)
          .map(([instrumentKey, dueOn]) => ({ instrumentKey, dueOn })),
      })
      setSaved(true)
      void revalidate(getSessionSummary.keyFor(props.sessionId))
    } catch (e) {
      setError(e)
    } finally {
      setSaving(false)
    }
  }

  const text = (label: string, value: () => string, set: (v: string) => void, id: string) => (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        class="input"
        rows="3"
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </div>
  )

  return (
    <form class="form-wide" onSubmit={(e) => void save(e)} aria-labelledby="review-form-title">
      <h3 id="review-form-title">Post-session form</h3>
      <div class="choice">
        <input
          type="checkbox"
          id="attendance-confirmed"
          checked={attendance()}
          onChange={(e) => setAttendance(e.currentTarget.checked)}
        />
        <label for="attendance-confirmed">I confirm the attendance shown above</label>
      </div>
      {text('Assessment', assessment, setAssessment, 'review-assessment')}
      {text('Decisions', decisions, setDecisions, 'review-decisions')}
      {text('Next steps', nextSteps, setNextSteps, 'review-next-steps')}
      <Show when={props.summary.goals.length > 0}>
        <fieldset class="fieldset">
          <legend>Goal progress (against each goal's target)</legend>
          <For each={props.summary.goals}>
            {(goal) => (
              <div class="field">
                <label class="field-label" for={`goal-${goal.id}`}>
                  {goal.text}
                  {goal.target ? ` — target: ${goal.target}` : ''}
                </label>
                <select
                  id={`goal-${goal.id}`}
                  class="input"
                  value={ratings()[goal.id]?.toString() ?? ''}
                  onChange={(e) => {
                    const v = e.currentTarget.value
                    const next = { ...ratings() }
                    if (v === '') delete next[goal.id]
                    else next[goal.id] = Number(v)
                    setRatings(next)
                  }}
                >
                  <option value="">Not rated</option>
                  <For each={[...GAS_RATINGS]}>
                    {(v) => (
                      <option value={v}>{`${v > 0 ? '+' : ''}${v}: ${gasRatingLabel[v]}`}</option>
                    )}
                  </For>
                </select>
              </div>
            )}
          </For>
        </fieldset>
      </Show>
      <div class="field">
        <label class="field-label" for="review-follow-up">
          Follow-up date
        </label>
        <input
          id="review-follow-up"
          class="input input-day"
          type="date"
          value={followUp()}
          onInput={(e) => setFollowUp(e.currentTarget.value)}
        />
      </div>
      <fieldset class="fieldset">
        <legend>Measures due</legend>
        <p class="field-hint">
          When a measure falls due, it is offered to the patient the next time they open their
          questionnaire link, and shows as due on their page.
        </p>
        <For each={(instruments() ?? []).filter((d) => d.key !== 'session_satisfaction')}>
          {(def) => (
            <div class="field">
              <label class="field-label" for={`due-${def.key}`}>
                {def.title} due on
              </label>
              <input
                id={`due-${def.key}`}
                class="input input-day"
                type="date"
                value={due()[def.key] ?? ''}
                onInput={(e) => setDue({ ...due(), [def.key]: e.currentTarget.value })}
              />
            </div>
          )}
        </For>
      </fieldset>
      <Show when={error()}>{(e) => <ErrorMessage error={e()} />}</Show>
      <p role="status">{saved() ? 'Saved.' : ''}</p>
      <Button type="submit" pending={saving()} pendingLabel="Saving…">
        Save the form
      </Button>
    </form>
  )
}
