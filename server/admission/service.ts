// The lobby and admission. Admission is the only road to a media token: issueToken() mints one only from an open
// admission, checked in the same transaction that records the issuance. Each idea lives in its own module; this is
// the feature's command surface for routes and other features.
export { isAdmitted } from './admitted'
export { endSession, leave, mute, remove } from './call-controls'
export { admit } from './admit'
export { admitAllClinicians, deny } from './decisions'
export { letWaitAgain } from './let-back'
export { arrive, listLobby, myStatus, setLobbyMessage } from './lobby'
export { markSeen } from './seen'
export { stepOut } from './step-out'
export { issueToken } from './token'
export { issueTokenWhenAdmitted } from './token-wait'
