// Consent records, covers and withdrawal: the only writer of consent_records and consent_covers. The gate here
// decides who may be admitted; withdrawal takes effect in the live call through the admission feature's removal.
// Each idea lives in its own module; this is the feature's command surface for routes and other features.
export { decideDropIn, requestDropIn } from './drop-in'
export { overview } from './overview'
export { giveConsent, recordPatientConsent } from './records'
export { consentState, gateFor } from './state'
export { listTemplates, newTemplateVersion } from './templates'
export { withdraw } from './withdrawal'
