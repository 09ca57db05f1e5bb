// Host-state recognition (issue 26, docs/recognition.md): statements, provisioning and evaluation.
export { isPurpose, PURPOSE_NAMES, PURPOSES, type Purpose } from './purposes.js';
export {
  checkStatementPayload,
  openStatement,
  parseProvision,
  PROVISION_FORMAT,
  provisionJson,
  RECOGNITION_FORMAT,
  RECOGNITION_TYP,
  rootFingerprint,
  stateKid,
  type Provision,
  type Recognition,
  type RecognitionRule,
  type RecognitionStatement,
  type StatementCheck,
  type Texts,
} from './statement.js';
export {
  newerStatement,
  recognise,
  ruleData,
  textIn,
  type RecognitionInput,
  type RecognitionResult,
} from './evaluate.js';
