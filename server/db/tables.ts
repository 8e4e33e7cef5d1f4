// Every feature's tables, for drizzle's relational queries and drizzle-kit.
export * from '../accounts/tables'
export * from '../admission/tables'
export * from '../attendance/tables'
export * from '../audit/tables'
export * from '../consent/tables'
export * from '../patients/tables'
export * from '../sessions/tables'
export * from '../outcomes/tables'
