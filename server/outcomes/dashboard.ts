// The INTEGRATE process metrics for the clinician's own caseload (patients whose care team they are on).
import { sql } from 'drizzle-orm'
import { dayOf } from '../../shared/measures-due'
import type { TeamDashboard } from '../../shared/outcomes'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { dueOfPatients, withTitles } from './due'
import * as dueStore from './due-store'

type Row = {
  patients: number
  screened: number
  positive_screens: number
  reached_specialist: number
  median_days: number | null
  followed_up: number
  improved: number
  open_alerts: number
}

/**
 * One query over the caseload. "Screened": any PHQ-2/GAD-2/PHQ-9/GAD-7 or sexual-health score. "Days to a
 * specialist": from the first positive screen to the next session with a specialist invited. "Improved at
 * 8–12 weeks": a PHQ-9 or GAD-7 score 56–84 days after the first one, with a meaningful improvement against it.
 * Beside them, the measures due or overdue now (computed as on the patient's page, ./due.ts).
 */
export async function teamDashboard(deps: Deps, actor: Actor): Promise<TeamDashboard> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const [row] = (await tx.execute(sql`
      with caseload as (
        select patient_id from care_team_members where clinician_id = ${clinician.clinicianId}
      ),
      first_positive as (
        select s.patient_id, min(s.scored_at) as at from scores s
        join caseload c on c.patient_id = s.patient_id where s.positive_screen group by s.patient_id
      ),
      to_specialist as (
        select fp.patient_id, extract(epoch from (min(se.starts_at) - fp.at)) / 86400 as days
        from first_positive fp
        join sessions se on se.patient_id = fp.patient_id and se.starts_at >= fp.at
        join participants p on p.session_id = se.id and p.role = 'specialist'
        group by fp.patient_id, fp.at
      ),
      baseline as (
        select s.patient_id, s.instrument_key, min(s.scored_at) as at from scores s
        join caseload c on c.patient_id = s.patient_id
        where s.instrument_key in ('phq9', 'gad7') and s.respondent_role = 'patient'
        group by s.patient_id, s.instrument_key
      ),
      later as (
        select b.patient_id,
          bool_or(s.total <= first.total - case b.instrument_key when 'phq9' then 5 else 4 end) as improved
        from baseline b
        join scores first on first.patient_id = b.patient_id and first.instrument_key = b.instrument_key
          and first.scored_at = b.at
        join scores s on s.patient_id = b.patient_id and s.instrument_key = b.instrument_key
          and s.respondent_role = 'patient'
          and s.scored_at between b.at + interval '56 days' and b.at + interval '84 days'
        group by b.patient_id
      )
      select
        (select count(*)::int from caseload) as patients,
        (select count(distinct s.patient_id)::int from scores s join caseload c on c.patient_id = s.patient_id
          where s.instrument_key in ('phq2', 'gad2', 'phq9', 'gad7', 'sexual_health')) as screened,
        (select count(*)::int from first_positive) as positive_screens,
        (select count(*)::int from to_specialist) as reached_specialist,
        (select percentile_cont(0.5) within group (order by days)::float from to_specialist) as median_days,
        (select count(*)::int from later) as followed_up,
        (select count(*)::int from later where improved) as improved,
        (select count(*)::int from safety_alerts a join caseload c on c.patient_id = a.patient_id
          where a.closed_at is null) as open_alerts
    `)) as unknown as Row[]
    const caseload = await dueStore.caseloadOf(tx, clinician.clinicianId)
    const due = await dueOfPatients(
      tx,
      caseload.map((p) => p.patientId),
      dayOf(deps.clock())
    )
    const measuresDue = []
    for (const p of caseload) {
      const outstanding = (due.get(p.patientId) ?? []).filter(
        (d) => d.status === 'due' || d.status === 'overdue'
      )
      for (const d of await withTitles(tx, clinician.clinicId, outstanding))
        measuresDue.push({
          patientId: p.patientId,
          patientName: p.patientName,
          instrumentKey: d.instrumentKey,
          title: d.title,
          dueOn: d.dueOn,
          status: d.status,
          offered: d.offered,
        })
    }
    await audit.record(tx, clinician, 'outcomes.dashboard_viewed')
    const r = row!
    return {
      patients: r.patients,
      screened: r.screened,
      positiveScreens: r.positive_screens,
      reachedSpecialist: r.reached_specialist,
      medianDaysPositiveToSpecialist:
        r.median_days === null ? null : Math.round(r.median_days * 10) / 10,
      followedUp8to12Weeks: r.followed_up,
      improved8to12Weeks: r.improved,
      openSafetyAlerts: r.open_alerts,
      measuresDue: measuresDue.sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    }
  })
}
