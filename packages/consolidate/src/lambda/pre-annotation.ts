import {
  QuorumValidationError,
  validatePreAnnotationEvent,
  validatePreAnnotationResponse,
  type DataObject,
  type JsonObject,
  type PreAnnotationEvent,
  type PreAnnotationResponse,
  type PreAnnotationResponseInput,
} from '@quorum/schema';
import { compileRouting, RoutingOptionsError, type RoutingDecision, type RoutingOptions } from './routing.js';

/** Which key and value type carry the routing flag in the response. */
export interface ResponseFlagFormat {
  /**
   * `isHumanAnnotationRequired` (default; the documented response key) or `humanAnnotationRequired`
   * (the key Ground Truth's own example Lambda returns). Ground Truth reads either.
   */
  key?: 'isHumanAnnotationRequired' | 'humanAnnotationRequired';
  /** `boolean` (default; the documented type) or `string` (`"true"`/`"false"`, as the example Lambda sends). */
  value?: 'boolean' | 'string';
}

export interface PreAnnotationOptions extends RoutingOptions {
  /** Builds `taskInput` (the template's `task.input`) from the data object; default: the data object itself. */
  taskInput?: (dataObject: DataObject) => JsonObject;
  /**
   * Decides whether a person labels this object, instead of the routing options (`sampling`,
   * `escalate`, `activationConditions`; giving both is an error); default: those options, and with
   * none of them, always (Ground Truth's default too).
   */
  isHumanAnnotationRequired?: (dataObject: DataObject) => boolean;
  /** How the flag is written; default `{key: "isHumanAnnotationRequired", value: "boolean"}`, the documented form. */
  responseFlag?: ResponseFlagFormat;
}

/** A pre-annotation response in the form chosen by {@link PreAnnotationOptions.responseFlag}. */
export type PreAnnotationOutput = PreAnnotationResponseInput;

/** What {@link explainPreAnnotation} returns: the response and why the flag is what it is. */
export interface ExplainedPreAnnotation {
  response: PreAnnotationOutput;
  decision: RoutingDecision;
}

/**
 * Pre-annotation step of a Ground Truth custom workflow, as a pure function: validates the event and
 * returns `{ taskInput, isHumanAnnotationRequired }`.
 *
 * With no options `taskInput` is a copy of `dataObject`, so a template reads `task.input.source`,
 * `task.input.source-ref` or any other manifest field, e.g. `task.input.answer` for an LLM answer
 * under review. With routing options an object goes to people when an `escalate` rule fires, an
 * A2I `activationConditions` condition holds, or the `sampling` draw picks it; otherwise the response
 * says `isHumanAnnotationRequired: false` (Ground Truth then skips the object). Use
 * {@link explainPreAnnotation} to get the reasons as well.
 *
 * Throws a `QuorumValidationError` naming the field when the event is malformed, a
 * `RoutingOptionsError` naming a bad option, or a `TypeError` when `taskInput` does not return a
 * JSON object.
 *
 * Event and response shapes:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sms-custom-templates-step3-lambda-requirements.html
 */
export function preAnnotation(event: unknown, options: PreAnnotationOptions = {}): PreAnnotationOutput {
  return explainPreAnnotation(event, options).response;
}

/** {@link preAnnotation}, also returning the routing decision with every rule that fired. */
export function explainPreAnnotation(event: unknown, options: PreAnnotationOptions = {}): ExplainedPreAnnotation {
  const { taskInput: buildTaskInput, isHumanAnnotationRequired: decide, responseFlag, ...routing } = options;
  const flag = checkResponseFlag(responseFlag);
  if (decide && Object.keys(routing).length > 0) {
    throw new RoutingOptionsError('isHumanAnnotationRequired', `replaces the routing options (${Object.keys(routing).join(', ')}); give one or the other`);
  }
  // Options are checked before the event so that a misconfigured handler fails on every call, not only on good events.
  const route = decide ? undefined : compileRouting(routing);
  const checked = validatePreAnnotationEvent(event);
  if (!checked.valid) throw new QuorumValidationError(checked.issues, 'pre-annotation event', 'event');
  const { dataObject } = checked.value as PreAnnotationEvent;
  const taskInput = buildTaskInput ? buildTaskInput(dataObject) : (structuredClone(dataObject) as JsonObject);
  if (taskInput === null || typeof taskInput !== 'object' || Array.isArray(taskInput)) {
    throw new TypeError(`taskInput must return a JSON object, found ${describe(taskInput)}`);
  }
  let decision: RoutingDecision;
  if (decide) {
    const required = decide(dataObject);
    if (typeof required !== 'boolean') {
      throw new TypeError(`isHumanAnnotationRequired must return a boolean, found ${describe(required)}`);
    }
    decision = { humanAnnotationRequired: required, reasons: [{ source: 'default', name: 'isHumanAnnotationRequired', detail: `the isHumanAnnotationRequired option returned ${required}` }], notes: [] };
  } else decision = route!(dataObject);
  const value = flag.value === 'string' ? (String(decision.humanAnnotationRequired) as 'true' | 'false') : decision.humanAnnotationRequired;
  return { response: { taskInput, [flag.key]: value }, decision };
}

function checkResponseFlag(format: ResponseFlagFormat | undefined): Required<ResponseFlagFormat> {
  const key = format?.key ?? 'isHumanAnnotationRequired';
  const value = format?.value ?? 'boolean';
  if (key !== 'isHumanAnnotationRequired' && key !== 'humanAnnotationRequired') {
    throw new RoutingOptionsError('responseFlag.key', `must be "isHumanAnnotationRequired" or "humanAnnotationRequired", found ${describe(key)}`);
  }
  if (value !== 'boolean' && value !== 'string') throw new RoutingOptionsError('responseFlag.value', `must be "boolean" or "string", found ${describe(value)}`);
  return { key, value };
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
