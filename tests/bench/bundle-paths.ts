// The `bundle` benchmark's common ground: where things are, the aims, rounding, and what each path loads (it
// mirrors web/src/App.tsx).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// This file sits beside bundle.ts: the repository root is two folders up.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const webRoot = path.join(repoRoot, 'web')
export const peerRoot = path.join(repoRoot, 'tests/bench/peer-bundle')

export const AIM_PRECALL_KB = 60
export const AIM_INCALL_RATIO = 0.8

export const progress = (msg: string) => process.stderr.write(`[bench bundle] ${msg}\n`)
export const round1 = (n: number) => Math.round(n * 10) / 10
export const round3 = (n: number) => Math.round(n * 1000) / 1000
export const kb = (bytes: number) => round1(bytes / 1000)

// ─── what each path loads (mirrors web/src/App.tsx) ─────────────────────────────────────────────────────────────

/**
 * The modules App.tsx imports dynamically on the way to the call, per page: the route's component (`lazy(() =>
 * import(…))`), its layouts, and the `preload` functions' imports, which the router runs on navigation. Paths are
 * relative to web/src. The entry (index.html → main.tsx → App.tsx) and its static imports come on top.
 */
export const PAGES: Record<string, string[]> = {
  '/sign-in': ['accounts/SignInPage.tsx'],
  // SignedInLayout's preload imports accounts/api; the home route's preload sessions/api and patients/api.
  '/': [
    'accounts/SignedInLayout.tsx',
    'accounts/api.ts',
    'sessions/HomePage.tsx',
    'sessions/api.ts',
    'patients/api.ts',
  ],
  '/sessions/:id': [
    'accounts/SignedInLayout.tsx',
    'accounts/api.ts',
    'sessions/SessionPage.tsx',
    'sessions/api.ts',
  ],
  '/join/:sessionId': ['sessions/JoinPage.tsx'],
  // PreCallLayout's preload (preloadSession) imports sessions/api.
  '/sessions/:id/check': [
    'sessions/PreCallLayout.tsx',
    'sessions/api.ts',
    'devices/DeviceCheckPage.tsx',
  ],
  '/sessions/:id/consent': [
    'sessions/PreCallLayout.tsx',
    'sessions/api.ts',
    'consent/ConsentPage.tsx',
  ],
  '/sessions/:id/waiting': [
    'sessions/PreCallLayout.tsx',
    'sessions/api.ts',
    'admission/WaitingPage.tsx',
  ],
  '/sessions/:id/call': ['call/CallPage.tsx'],
}
export const PATHS = {
  // Someone with a personal link and nothing to sign (a specialist; a patient who has answered every document).
  guest: ['/join/:sessionId', '/sessions/:id/check', '/sessions/:id/waiting'],
  // The same with the consent step on the way: a patient, or a partner, with a document still to answer.
  patient: [
    '/join/:sessionId',
    '/sessions/:id/check',
    '/sessions/:id/consent',
    '/sessions/:id/waiting',
  ],
  clinician: ['/sign-in', '/', '/sessions/:id', '/sessions/:id/check', '/sessions/:id/waiting'],
} as const
export const CALL_PAGE = '/sessions/:id/call'

/**
 * What the call page loads by itself, with no action, once it is up (mirrors web/src/call/InCall.tsx and
 * side-panels.tsx): the care plan beside the video for everyone after the first remote frame (or a second); for the
 * patient of a joint session their consent controls; for hosts (the clinician path is read as a host's) their tools,
 * the measures panel, moderation and the step-out dialog. In no figure of the aim (they load after the first frame);
 * reported as incall_settled_* so the weight of the call a minute in is in view.
 */
export const AFTER_FIRST_FRAME: Record<keyof typeof PATHS, string[]> = {
  guest: ['careplan/CarePlan.tsx'],
  patient: ['careplan/CarePlan.tsx', 'consent/PatientControls.tsx'],
  clinician: [
    'careplan/CarePlan.tsx',
    'call/HostTools.tsx',
    'outcomes/MeasuresPanel.tsx',
    'call/HostModeration.tsx',
    'call/StepOutDialog.tsx',
  ],
}
