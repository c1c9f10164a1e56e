export type * from './types.js';
export type { AjvError, CompiledValidator } from './compiled-validator.js';
export {
  QuorumValidationError,
  assertValid,
  formatIssues,
  validateAnswerObject,
  validateCrowdClassifierAnswer,
  validateDataObject,
  validateLabelMetadata,
  validateOutputManifestLine,
  validatePayloadAnnotation,
  validatePayloadItem,
  validatePostAnnotationEvent,
  validatePostAnnotationPayload,
  validatePostAnnotationResponse,
  validatePreAnnotationEvent,
  validatePreAnnotationResponse,
} from './validate.js';
export type { ValidationIssue, ValidationResult } from './validate.js';
