// Attendance after a call: who was there, for how long, and whether each clinician met the billing minimum.
import { query } from '@solidjs/router'
import { AttendanceSummary } from '../../../shared/attendance'
import type { Id } from '../../../shared/ids'
import { call } from '../lib/api'
import { sessionPath as path } from '../sessions/api'

export const getAttendance = query(
  (sessionId: Id) => call('GET', path(sessionId, '/attendance'), AttendanceSummary),
  'attendance'
)
