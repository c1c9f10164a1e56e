import {
  QuorumValidationError,
  validatePreAnnotationEvent,
  validatePreAnnotationResponse,
  type DataObject,
  type JsonObject,
  type PreAnnotationEvent,
  type PreAnnotationResponse,
} from '@quorum/schema';

export interface PreAnnotationOptions {
  /** Builds `taskInput` (the template's `task.input`) from the data object; default: the data object itself. */
  taskInput?: (dataObject: DataObject) => JsonObject;
  /** Decides whether a person labels this object; default: always (Ground Truth's default too). */
  isHumanAnnotationRequired?: (dataObject: DataObject) => boolean;
}

/**
 * Pre-annotation step of a Ground Truth custom workflow, as a pure function: validates the event and
 * returns `{ taskInput, isHumanAnnotationRequired }`.
 *
 * With no options `taskInput` is a copy of `dataObject`, so a template reads `task.input.source`,
 * `task.input.source-ref` or any other manifest field, e.g. `task.input.answer` for an LLM answer
 * under review. Throws a `QuorumValidationError` naming the field when the event is malformed, or a
 * `TypeError` when `taskInput` does not return a JSON object.
 *
 * Event and response shapes:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sms-custom-templates-step3-lambda-requirements.html
 */
export function preAnnotation(event: unknown, options: PreAnnotationOptions = {}): PreAnnotationResponse {
  const checked = validatePreAnnotationEvent(event);
  if (!checked.valid) throw new QuorumValidationError(checked.issues, 'pre-annotation event', 'event');
  const { dataObject } = checked.value as PreAnnotationEvent;
  const taskInput = options.taskInput ? options.taskInput(dataObject) : (structuredClone(dataObject) as JsonObject);
  if (taskInput === null || typeof taskInput !== 'object' || Array.isArray(taskInput)) {
    throw new TypeError(`taskInput must return a JSON object, found ${describe(taskInput)}`);
  }
  const required = options.isHumanAnnotationRequired ? options.isHumanAnnotationRequired(dataObject) : true;
  if (typeof required !== 'boolean') {
    throw new TypeError(`isHumanAnnotationRequired must return a boolean, found ${describe(required)}`);
  }
  return { taskInput, isHumanAnnotationRequired: required };
}

/**
 * Reads any accepted form of a pre-annotation response and returns the documented one. Accepts
 * `isHumanAnnotationRequired` and the `humanAnnotationRequired` key that Ground Truth's own example
 * Lambda returns, each as a boolean or the string "true"/"false" (any letter case, e.g. Python's
 * "True"); a missing flag means true. Throws when the two keys disagree or a value is not a flag.
 */
export function normalizePreAnnotationResponse(response: unknown): PreAnnotationResponse {
  const isObject = response !== null && typeof response === 'object' && !Array.isArray(response);
  // The schema accepts only lower-case "true"/"false"; Python's str(True) gives "True".
  const lowered: unknown = isObject ? { ...(response as Record<string, unknown>) } : response;
  const flags: Record<string, boolean | undefined> = {};
  if (isObject) {
    const record = lowered as Record<string, unknown>;
    for (const key of ['isHumanAnnotationRequired', 'humanAnnotationRequired']) {
      const value = record[key];
      if (typeof value === 'boolean') flags[key] = value;
      else if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
        record[key] = value.toLowerCase();
        flags[key] = record[key] === 'true';
      }
    }
  }
  const checked = validatePreAnnotationResponse(lowered);
  if (!checked.valid) throw new QuorumValidationError(checked.issues, 'pre-annotation response', 'response');
  const { isHumanAnnotationRequired: documented, humanAnnotationRequired: variant } = flags;
  if (documented !== undefined && variant !== undefined && documented !== variant) {
    throw new QuorumValidationError(
      [{ path: '/humanAnnotationRequired', message: `contradicts isHumanAnnotationRequired (${documented})`, value: variant }],
      'pre-annotation response',
      'response',
    );
  }
  return { taskInput: checked.value.taskInput, isHumanAnnotationRequired: documented ?? variant ?? true };
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : Array.isArray(value) ? 'an array' : JSON.stringify(value) ?? typeof value;
}
