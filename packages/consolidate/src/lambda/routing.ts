import type { DataObject, JsonValue } from '@quorum/schema';
import { parseJsonPath, resolveJsonPath, type JsonPath } from './json-path.js';

/**
 * Random sampling of data objects for human review: a share `rate` of them, chosen by a hash of
 * `seed` and the object's identity, so a re-run or a retried Lambda invocation routes the same object
 * the same way, and a different seed draws a different, independent sample.
 */
export interface SamplingOptions {
  /** Share of objects sent to people, in [0, 1] (0.05 = 5 %). */
  rate: number;
  /** Seed of the draw; default `"quorum"`. */
  seed?: string | number;
}

/** Fields common to every escalation rule. */
interface RuleBase {
  /** Name reported when the rule fires; default `rule <n>` (1-based). */
  name?: string;
  /**
   * Where the value is in the data object: `sentiment`, `scores.confidence`, `turns[*].text`
   * (`[*]` tests every element; the rule fires when any of them matches).
   */
  path: string;
  /**
   * What to do when the path reaches no value, or only values of the wrong type: `escalate` (default;
   * a rule that cannot be checked sends the object to a person rather than skip review silently) or
   * `ignore`. Either way the decision says so.
   */
  ifMissing?: 'escalate' | 'ignore';
}

/** Fires when a number at `path` compares true with `value`, e.g. `{path: 'sentiment', op: '<', value: -0.5}`. */
export interface ThresholdRule extends RuleBase {
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

/** Fires when the value at `path` equals `value` (deep equality of JSON values). */
export interface EqualsRule extends RuleBase {
  op: '==';
  value: JsonValue;
}

/** Fires when the value at `path` equals one of `values`. */
export interface InRule extends RuleBase {
  op: 'in';
  values: JsonValue[];
}

/**
 * Fires when the text at `path` contains one of `keywords` as a whole word or phrase (letters and
 * digits of any script count as word characters), ignoring case unless `caseSensitive`.
 */
export interface KeywordsRule extends RuleBase {
  op: 'keywords';
  keywords: string[];
  caseSensitive?: boolean;
}

/** Fires when the text at `path` matches the regular expression `pattern` (with `flags`, e.g. `"i"`). */
export interface RegexRule extends RuleBase {
  op: 'matches';
  pattern: string;
  flags?: string;
}

/** A rule that routes a data object to people when a field crosses a threshold or matches. */
export type EscalationRule = ThresholdRule | EqualsRule | InRule | KeywordsRule | RegexRule;

/** A simple condition of A2I's `HumanLoopActivationConditions`. */
export interface A2ISimpleCondition {
  ConditionType: 'Sampling' | 'ImportantFormKeyConfidenceCheck' | 'MissingImportantFormKey' | 'ModerationLabelConfidenceCheck';
  ConditionParameters: Record<string, JsonValue>;
}

/** A member of `Conditions`: a simple condition or an `And`/`Or` of conditions (at most two levels). */
export type A2ICondition = A2ISimpleCondition | { And: A2ICondition[] } | { Or: A2ICondition[] };

/** A2I's `HumanLoopActivationConditions` document: a human loop starts when any member of `Conditions` is true. */
export interface HumanLoopActivationConditions {
  Conditions: A2ICondition[];
}

/**
 * Activation conditions in A2I's format, evaluated against a Textract `AnalyzeDocument` or
 * Rekognition `DetectModerationLabels` response held in the data object.
 */
export interface ActivationConditionOptions {
  /** The `HumanLoopActivationConditions` object, or its JSON text as passed to `CreateFlowDefinition`. */
  conditions: HumanLoopActivationConditions | string;
  /**
   * Where the service response is in the data object (a path as in the rules, e.g. `textract`);
   * default: the data object itself (`Blocks` or `ModerationLabels` at its top level).
   */
  inferencePath?: string;
  /** Seed of `Sampling` conditions; default the `sampling` seed, else `"quorum"`. */
  seed?: string | number;
}

/** Routing options: which data objects people label. */
export interface RoutingOptions {
  /** Send a random, reproducible share of the objects to people. */
  sampling?: SamplingOptions;
  /** Send an object to people when any of these rules fires. */
  escalate?: EscalationRule[];
  /** Send an object to people when A2I-style activation conditions hold. */
  activationConditions?: ActivationConditionOptions;
  /**
   * Path of the field that identifies a data object for sampling (e.g. `id`); default `source-ref`,
   * else `source`, else the whole data object as canonical JSON (keys sorted).
   */
  identityPath?: string;
}

/** Why a decision was made. */
export interface RoutingReason {
  /** What produced it: an escalation rule, the sampling draw, an A2I condition, or the default. */
  source: 'rule' | 'sampling' | 'activation-condition' | 'default';
  /** The rule's name, `sampling`, the condition's position (`Conditions[0].And[1]`) or `default`. */
  name: string;
  /** A readable sentence with the values involved. */
  detail: string;
}

/** The decision for one data object, with every reason that contributed. */
export interface RoutingDecision {
  humanAnnotationRequired: boolean;
  /** The rules, draw and conditions that sent the object to people; when none did, one `default` reason. */
  reasons: RoutingReason[];
  /** Things that could not be checked and were ignored (`ifMissing: "ignore"`). */
  notes: string[];
}

/** An option that is not valid: the message names it, e.g. `escalate[1].value must be a finite number`. */
export class RoutingOptionsError extends TypeError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option} ${message}`);
    this.name = 'RoutingOptionsError';
  }
}

type Router = (dataObject: DataObject) => RoutingDecision;

const compiled = new WeakMap<RoutingOptions, Router>();

/**
 * Checks routing options once and returns the function that decides for one data object. Semantics:
 * an object goes to people when any escalation rule fires, any activation condition holds, or the
 * sampling draw picks it; with none of the three configured, every object goes to people (Ground
 * Truth's default). Throws a {@link RoutingOptionsError} naming the first bad option.
 */
export function compileRouting(options: RoutingOptions): Router {
  const cached = compiled.get(options);
  if (cached) return cached;
  if (options === null || typeof options !== 'object') throw new RoutingOptionsError('routing options', 'must be an object');
  const known = new Set(['sampling', 'escalate', 'activationConditions', 'identityPath']);
  for (const key of Object.keys(options)) if (!known.has(key)) throw new RoutingOptionsError(key, `is not a routing option (use ${[...known].join(', ')})`);
  const identity = options.identityPath === undefined ? undefined : pathOption('identityPath', options.identityPath);
  const sampling = options.sampling === undefined ? undefined : compileSampling(options.sampling);
  const rules = options.escalate === undefined ? [] : compileRules(options.escalate);
  const activation = options.activationConditions === undefined ? undefined : compileActivation(options.activationConditions, options.sampling?.seed);
  const configured = sampling !== undefined || rules.length > 0 || activation !== undefined;

  const router: Router = (dataObject) => {
    const reasons: RoutingReason[] = [];
    const notes: string[] = [];
    if (!configured) {
      return { humanAnnotationRequired: true, reasons: [{ source: 'default', name: 'default', detail: 'no routing options: every object goes to people' }], notes };
    }
    const objectIdentity = identityOf(dataObject, identity);
    for (const rule of rules) rule(dataObject, reasons, notes);
    if (activation) activation(dataObject, objectIdentity, reasons);
    if (sampling) {
      const draw = unitHash(`${sampling.seed}\u0000${objectIdentity}`);
      if (draw < sampling.rate) {
        reasons.push({ source: 'sampling', name: 'sampling', detail: `sampled: draw ${draw.toFixed(6)} < rate ${sampling.rate} (seed ${JSON.stringify(sampling.seed)})` });
      }
    }
    if (reasons.length > 0) return { humanAnnotationRequired: true, reasons, notes };
    const parts = [rules.length > 0 && 'no escalation rule fired', activation && 'no activation condition held', sampling && `not sampled at rate ${sampling.rate}`].filter(Boolean);
    return { humanAnnotationRequired: false, reasons: [{ source: 'default', name: 'default', detail: parts.join('; ') }], notes };
  };
  compiled.set(options, router);
  return router;
}

/** A uniform number in [0, 1) from a string: FNV-1a over its UTF-8 bytes, then MurmurHash3's finaliser. */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}

/** JSON with object keys sorted, so the identity of an object does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function identityOf(dataObject: DataObject, path: JsonPath | undefined): string {
  if (path) {
    const [value] = resolveJsonPath(dataObject, path);
    if (value !== undefined) return typeof value === 'string' ? value : canonicalJson(value);
    return canonicalJson(dataObject);
  }
  const record = dataObject as Record<string, unknown>;
  const named = record['source-ref'] ?? record.source;
  return typeof named === 'string' ? named : canonicalJson(dataObject);
}

function pathOption(option: string, value: unknown): JsonPath {
  if (typeof value !== 'string' || value === '') throw new RoutingOptionsError(option, `must be a non-empty path string, found ${describe(value)}`);
  try {
    return parseJsonPath(value);
  } catch (error) {
    throw new RoutingOptionsError(option, `is not a valid path: ${(error as Error).message}`);
  }
}

function seedOption(option: string, value: unknown): string {
  if (value === undefined) return 'quorum';
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string') return String(value);
  throw new RoutingOptionsError(option, `must be a string or a finite number, found ${describe(value)}`);
}

function compileSampling(sampling: SamplingOptions): { rate: number; seed: string } {
  if (sampling === null || typeof sampling !== 'object') throw new RoutingOptionsError('sampling', 'must be an object {rate, seed?}');
  for (const key of Object.keys(sampling)) if (key !== 'rate' && key !== 'seed') throw new RoutingOptionsError(`sampling.${key}`, 'is not a sampling option (rate, seed)');
  const { rate } = sampling;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new RoutingOptionsError('sampling.rate', `must be a number from 0 to 1 (0.05 for 5 %), found ${describe(rate)}`);
  return { rate, seed: seedOption('sampling.seed', sampling.seed) };
}

type RuleCheck = (dataObject: DataObject, reasons: RoutingReason[], notes: string[]) => void;

const RULE_FIELDS: Record<EscalationRule['op'], string[]> = {
  '<': ['value'],
  '<=': ['value'],
  '>': ['value'],
  '>=': ['value'],
  '==': ['value'],
  in: ['values'],
  keywords: ['keywords', 'caseSensitive'],
  matches: ['pattern', 'flags'],
};

function compileRules(rules: EscalationRule[]): RuleCheck[] {
  if (!Array.isArray(rules)) throw new RoutingOptionsError('escalate', `must be an array of rules, found ${describe(rules)}`);
  return rules.map((rule, n) => {
    const at = `escalate[${n}]`;
    if (rule === null || typeof rule !== 'object') throw new RoutingOptionsError(at, 'must be a rule object {path, op, …}');
    const op = rule.op;
    if (typeof op !== 'string' || !Object.hasOwn(RULE_FIELDS, op)) {
      throw new RoutingOptionsError(`${at}.op`, `must be one of ${Object.keys(RULE_FIELDS).map((o) => JSON.stringify(o)).join(', ')}, found ${describe(op)}`);
    }
    const allowed = new Set(['name', 'path', 'op', 'ifMissing', ...RULE_FIELDS[op]]);
    for (const key of Object.keys(rule)) if (!allowed.has(key)) throw new RoutingOptionsError(`${at}.${key}`, `is not an option of a "${op}" rule`);
    const name = rule.name ?? `rule ${n + 1}`;
    if (typeof name !== 'string' || name === '') throw new RoutingOptionsError(`${at}.name`, 'must be a non-empty string');
    const path = pathOption(`${at}.path`, rule.path);
    const ifMissing = rule.ifMissing ?? 'escalate';
    if (ifMissing !== 'escalate' && ifMissing !== 'ignore') throw new RoutingOptionsError(`${at}.ifMissing`, `must be "escalate" or "ignore", found ${describe(ifMissing)}`);
    const test = ruleTest(rule, at);
    return (dataObject, reasons, notes) => {
      const values = resolveJsonPath(dataObject, path);
      let checked = 0;
      for (const value of values) {
        const outcome = test.check(value);
        if (outcome === undefined) continue;
        checked++;
        if (outcome) {
          reasons.push({ source: 'rule', name, detail: `${path.text} = ${JSON.stringify(value)} ${test.describe}` });
          return;
        }
      }
      if (checked > 0) return;
      const problem = values.length === 0 ? `${path.text} is missing` : `${path.text} holds no ${test.expects} (found ${values.map((v) => JSON.stringify(v)).join(', ')})`;
      if (ifMissing === 'escalate') reasons.push({ source: 'rule', name, detail: `${problem}, so the rule cannot be checked (ifMissing: escalate)` });
      else notes.push(`${name}: ${problem}; ignored (ifMissing: ignore)`);
    };
  });
}

interface RuleTest {
  /** true/false when the value could be tested, undefined when it has the wrong type. */
  check: (value: unknown) => boolean | undefined;
  describe: string;
  expects: string;
}

function ruleTest(rule: EscalationRule, at: string): RuleTest {
  switch (rule.op) {
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const { value: limit, op } = rule;
      if (typeof limit !== 'number' || !Number.isFinite(limit)) throw new RoutingOptionsError(`${at}.value`, `must be a finite number for "${op}", found ${describe(limit)}`);
      const compare = COMPARE[op];
      return { check: (value) => (typeof value === 'number' && Number.isFinite(value) ? compare(value, limit) : undefined), describe: `${op} ${limit}`, expects: 'number' };
    }
    case '==': {
      if (!Object.hasOwn(rule, 'value')) throw new RoutingOptionsError(`${at}.value`, 'is required for "=="');
      const expected = canonicalJson(rule.value);
      return { check: (value) => canonicalJson(value) === expected, describe: `== ${expected}`, expects: 'value' };
    }
    case 'in': {
      if (!Array.isArray(rule.values) || rule.values.length === 0) throw new RoutingOptionsError(`${at}.values`, `must be a non-empty array, found ${describe(rule.values)}`);
      const expected = new Set(rule.values.map(canonicalJson));
      return { check: (value) => expected.has(canonicalJson(value)), describe: `is in ${JSON.stringify(rule.values)}`, expects: 'value' };
    }
    case 'keywords': {
      const { keywords, caseSensitive = false } = rule;
      if (!Array.isArray(keywords) || keywords.length === 0 || !keywords.every((k) => typeof k === 'string' && k.trim() !== '')) {
        throw new RoutingOptionsError(`${at}.keywords`, `must be a non-empty array of non-empty strings, found ${describe(keywords)}`);
      }
      if (typeof caseSensitive !== 'boolean') throw new RoutingOptionsError(`${at}.caseSensitive`, 'must be a boolean');
      const escaped = keywords.map((k) => k.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, caseSensitive ? 'u' : 'iu');
      return {
        check: (value) => (typeof value === 'string' ? pattern.test(value) : undefined),
        describe: `contains a keyword of ${JSON.stringify(keywords)}`,
        expects: 'text',
      };
    }
    case 'matches': {
      const { pattern, flags = '' } = rule;
      if (typeof pattern !== 'string' || pattern === '') throw new RoutingOptionsError(`${at}.pattern`, `must be a non-empty regular expression string, found ${describe(pattern)}`);
      if (typeof flags !== 'string' || /[gy]/.test(flags)) throw new RoutingOptionsError(`${at}.flags`, 'must be a string of RegExp flags without g or y (they make test() stateful)');
      let regex: RegExp;
      try {
        regex = new RegExp(pattern, flags);
      } catch (error) {
        throw new RoutingOptionsError(`${at}.pattern`, `is not a valid regular expression: ${(error as Error).message}`);
      }
      return { check: (value) => (typeof value === 'string' ? regex.test(value) : undefined), describe: `matches /${pattern}/${flags}`, expects: 'text' };
    }
  }
}

const COMPARE: Record<'<' | '<=' | '>' | '>=' | '==', (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
};

// --- A2I activation conditions -------------------------------------------------------------------

type ActivationCheck = (dataObject: DataObject, identity: string, reasons: RoutingReason[]) => void;

/** A condition's outcome: whether it holds, and a sentence saying why (for the decision's reasons). */
interface Outcome {
  holds: boolean;
  detail: string;
}

type ConditionEvaluator = (inference: unknown, identity: string) => Outcome;

/** The suffixes of A2I's comparison parameters and what they test. */
const COMPARISONS: Array<[suffix: string, op: '<' | '<=' | '>' | '>=' | '==']> = [
  ['Equals', '=='],
  ['LessThan', '<'],
  ['LessThanEquals', '<='],
  ['GreaterThan', '>'],
  ['GreaterThanEquals', '>='],
];

/** A2I's maximum depth of `And`/`Or` nesting below a member of `Conditions`. */
const MAX_NESTING = 2;

function compileActivation(options: ActivationConditionOptions, samplingSeed: string | number | undefined): ActivationCheck {
  if (options === null || typeof options !== 'object') throw new RoutingOptionsError('activationConditions', 'must be an object {conditions, inferencePath?, seed?}');
  for (const key of Object.keys(options)) {
    if (!['conditions', 'inferencePath', 'seed'].includes(key)) throw new RoutingOptionsError(`activationConditions.${key}`, 'is not an option (conditions, inferencePath, seed)');
  }
  let document: unknown = options.conditions;
  if (typeof document === 'string') {
    try {
      document = JSON.parse(document);
    } catch (error) {
      throw new RoutingOptionsError('activationConditions.conditions', `is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new RoutingOptionsError('activationConditions.conditions', 'must be a HumanLoopActivationConditions object {"Conditions": [...]}');
  }
  const conditions = (document as Record<string, unknown>).Conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) {
    throw new RoutingOptionsError('activationConditions.conditions.Conditions', 'must be a non-empty array of conditions');
  }
  const seed = seedOption('activationConditions.seed', options.seed ?? samplingSeed);
  const inferencePath = options.inferencePath === undefined ? undefined : pathOption('activationConditions.inferencePath', options.inferencePath);
  const members = conditions.map((condition, n) => compileCondition(condition, `Conditions[${n}]`, 0, seed));
  return (dataObject, identity, reasons) => {
    const inference = inferencePath ? resolveJsonPath(dataObject, inferencePath)[0] : dataObject;
    if (inference === undefined) {
      reasons.push({ source: 'activation-condition', name: 'inferencePath', detail: `${inferencePath!.text} is missing from the data object, so the activation conditions cannot be checked` });
      return;
    }
    members.forEach((evaluate, n) => {
      const outcome = evaluate(inference, identity);
      if (outcome.holds) reasons.push({ source: 'activation-condition', name: `Conditions[${n}]`, detail: outcome.detail });
    });
  };
}

function compileCondition(condition: unknown, at: string, depth: number, seed: string): ConditionEvaluator {
  const fail = (message: string, part = ''): never => {
    throw new RoutingOptionsError(`activationConditions.conditions.${at}${part}`, message);
  };
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return fail('must be a condition object');
  const record = condition as Record<string, unknown>;
  for (const operator of ['And', 'Or'] as const) {
    if (!Object.hasOwn(record, operator)) continue;
    if (Object.keys(record).length !== 1) fail(`has "${operator}" and other keys; a logical condition has only "${operator}"`);
    if (depth >= MAX_NESTING) fail(`nests "${operator}" deeper than the ${MAX_NESTING} levels A2I supports`);
    const operands = record[operator];
    if (!Array.isArray(operands) || operands.length < 2) fail('must be an array of at least two conditions', `.${operator}`);
    const parts = (operands as unknown[]).map((operand, n) => compileCondition(operand, `${at}.${operator}[${n}]`, depth + 1, seed));
    return (inference, identity) => {
      const outcomes = parts.map((part) => part(inference, identity));
      const holds = operator === 'And' ? outcomes.every((o) => o.holds) : outcomes.some((o) => o.holds);
      const shown = outcomes.filter((o) => o.holds === holds);
      return { holds, detail: `${operator}: ${shown.map((o) => `(${o.detail})`).join(operator === 'And' ? ' and ' : ' or ')}` };
    };
  }
  const type = record.ConditionType;
  const parameters = record.ConditionParameters;
  for (const key of Object.keys(record)) if (key !== 'ConditionType' && key !== 'ConditionParameters') fail(`has an unknown key "${key}"`);
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) fail('must be an object', '.ConditionParameters');
  const params = parameters as Record<string, unknown>;
  const where = `activationConditions.conditions.${at}.ConditionParameters`;
  const allow = (names: string[]) => {
    for (const key of Object.keys(params)) if (!names.includes(key)) throw new RoutingOptionsError(`${where}.${key}`, `is not a parameter of ${String(type)} (allowed: ${names.join(', ')})`);
  };
  switch (type) {
    case 'Sampling': {
      allow(['RandomSamplingPercentage']);
      const percentage = params.RandomSamplingPercentage;
      if (typeof percentage !== 'number' || !(percentage >= 0.01 && percentage <= 100)) {
        throw new RoutingOptionsError(`${where}.RandomSamplingPercentage`, `must be a number from 0.01 to 100, found ${describe(percentage)}`);
      }
      return (_inference, identity) => {
        const draw = unitHash(`${seed}\u0000${at}\u0000${identity}`) * 100;
        return draw < percentage
          ? { holds: true, detail: `Sampling: draw ${draw.toFixed(4)} < ${percentage} %` }
          : { holds: false, detail: `Sampling: draw ${draw.toFixed(4)} ≥ ${percentage} %` };
      };
    }
    case 'ImportantFormKeyConfidenceCheck': {
      const keyValue = comparisonsOf(params, 'KeyValueBlockConfidence', where);
      const word = comparisonsOf(params, 'WordBlockConfidence', where);
      allow(['ImportantFormKey', 'ImportantFormKeyAliases', ...COMPARISONS.flatMap(([s]) => [`KeyValueBlockConfidence${s}`, `WordBlockConfidence${s}`])]);
      const keys = formKeysOf(params, where);
      if (keyValue.length + word.length === 0) throw new RoutingOptionsError(where, 'needs at least one KeyValueBlockConfidence… or WordBlockConfidence… comparison');
      return (inference) => {
        const pairs = textractPairs(inference);
        if (!pairs) return { holds: true, detail: 'ImportantFormKeyConfidenceCheck: the data holds no Textract Blocks, so it cannot be checked; sent to people' };
        for (const pair of pairs) {
          if (!keys.matches(pair.key)) continue;
          const keyValueOk = keyValue.every(([op, limit]) => COMPARE[op](pair.confidence, limit));
          const wordsOk = word.length === 0 || pair.wordConfidences.every((c) => word.every(([op, limit]) => COMPARE[op](c, limit)));
          if (keyValueOk && wordsOk) {
            return {
              holds: true,
              detail: `ImportantFormKeyConfidenceCheck: key ${JSON.stringify(pair.key)} has key-value confidence ${pair.confidence} and word confidences [${pair.wordConfidences.join(', ')}]`,
            };
          }
        }
        return { holds: false, detail: `ImportantFormKeyConfidenceCheck: no key ${keys.text} in the confidence range` };
      };
    }
    case 'MissingImportantFormKey': {
      allow(['ImportantFormKey', 'ImportantFormKeyAliases']);
      const keys = formKeysOf(params, where);
      if (keys.any) throw new RoutingOptionsError(`${where}.ImportantFormKey`, 'cannot be "*" for MissingImportantFormKey');
      return (inference) => {
        const pairs = textractPairs(inference);
        if (!pairs) return { holds: true, detail: 'MissingImportantFormKey: the data holds no Textract Blocks, so every key is missing' };
        const found = pairs.find((pair) => keys.matches(pair.key));
        return found
          ? { holds: false, detail: `MissingImportantFormKey: found ${JSON.stringify(found.key)}` }
          : { holds: true, detail: `MissingImportantFormKey: no key ${keys.text} among ${JSON.stringify(pairs.map((p) => p.key))}` };
      };
    }
    case 'ModerationLabelConfidenceCheck': {
      const confidence = comparisonsOf(params, 'Confidence', where);
      allow(['ModerationLabelName', ...COMPARISONS.map(([s]) => `Confidence${s}`)]);
      const name = params.ModerationLabelName;
      if (typeof name !== 'string' || name === '') throw new RoutingOptionsError(`${where}.ModerationLabelName`, `must be a label name or "*", found ${describe(name)}`);
      if (confidence.length === 0) throw new RoutingOptionsError(where, 'needs at least one Confidence… comparison');
      return (inference) => {
        const labels = (inference as { ModerationLabels?: unknown } | null)?.ModerationLabels;
        if (!Array.isArray(labels)) return { holds: true, detail: 'ModerationLabelConfidenceCheck: the data holds no Rekognition ModerationLabels, so it cannot be checked; sent to people' };
        for (const label of labels as Array<{ Name?: unknown; Confidence?: unknown }>) {
          if (typeof label?.Name !== 'string' || typeof label.Confidence !== 'number') continue;
          // The label name is matched exactly (case-sensitive), as A2I documents.
          if (name !== '*' && label.Name !== name) continue;
          const value = label.Confidence;
          if (confidence.every(([op, limit]) => COMPARE[op](value, limit))) {
            return { holds: true, detail: `ModerationLabelConfidenceCheck: ${JSON.stringify(label.Name)} has confidence ${value}` };
          }
        }
        return { holds: false, detail: `ModerationLabelConfidenceCheck: no label ${JSON.stringify(name)} in the confidence range` };
      };
    }
    default:
      return fail(`must be Sampling, ImportantFormKeyConfidenceCheck, MissingImportantFormKey or ModerationLabelConfidenceCheck, found ${describe(type)}`, '.ConditionType');
  }
}

function comparisonsOf(params: Record<string, unknown>, prefix: string, where: string): Array<['<' | '<=' | '>' | '>=' | '==', number]> {
  const found: Array<['<' | '<=' | '>' | '>=' | '==', number]> = [];
  for (const [suffix, op] of COMPARISONS) {
    const name = `${prefix}${suffix}`;
    if (!Object.hasOwn(params, name)) continue;
    const value = params[name];
    if (typeof value !== 'number' || !(value >= 0 && value <= 100)) throw new RoutingOptionsError(`${where}.${name}`, `must be a confidence from 0 to 100, found ${describe(value)}`);
    found.push([op, value]);
  }
  return found;
}

function formKeysOf(params: Record<string, unknown>, where: string): { any: boolean; text: string; matches: (key: string) => boolean } {
  const key = params.ImportantFormKey;
  if (typeof key !== 'string' || key.trim() === '') throw new RoutingOptionsError(`${where}.ImportantFormKey`, `must be a non-empty string, found ${describe(key)}`);
  const aliases = params.ImportantFormKeyAliases ?? [];
  if (!Array.isArray(aliases) || !aliases.every((alias) => typeof alias === 'string' && alias.trim() !== '')) {
    throw new RoutingOptionsError(`${where}.ImportantFormKeyAliases`, `must be an array of non-empty strings, found ${describe(aliases)}`);
  }
  if (key === '*') return { any: true, text: '"*"', matches: () => true };
  // Keys are compared exactly after trimming: A2I's own example lists "Mailing Address:" as an alias of "Mailing Address".
  const names = new Set([key, ...(aliases as string[])].map((name) => name.trim()));
  return { any: false, text: [...names].map((name) => JSON.stringify(name)).join(' or '), matches: (text) => names.has(text.trim()) };
}

interface TextractPair {
  key: string;
  /** Confidence of the KEY block of the KEY_VALUE_SET. */
  confidence: number;
  /** Confidences of the WORD blocks of the key and of its value. */
  wordConfidences: number[];
}

interface TextractBlock {
  Id?: unknown;
  BlockType?: unknown;
  EntityTypes?: unknown;
  Confidence?: unknown;
  Text?: unknown;
  Relationships?: Array<{ Type?: unknown; Ids?: unknown }>;
}

/** The key-value pairs of a Textract `AnalyzeDocument` response; undefined when it has no `Blocks`. */
function textractPairs(inference: unknown): TextractPair[] | undefined {
  const blocks = (inference as { Blocks?: unknown } | null)?.Blocks;
  if (!Array.isArray(blocks)) return undefined;
  const byId = new Map<string, TextractBlock>();
  for (const block of blocks as TextractBlock[]) if (block && typeof block.Id === 'string') byId.set(block.Id, block);
  const related = (block: TextractBlock, type: string): TextractBlock[] =>
    (block.Relationships ?? [])
      .filter((relation) => relation?.Type === type && Array.isArray(relation.Ids))
      .flatMap((relation) => (relation.Ids as unknown[]).map((id) => byId.get(String(id))).filter((b): b is TextractBlock => b !== undefined));
  const words = (block: TextractBlock) => related(block, 'CHILD').filter((child) => child.BlockType === 'WORD');
  const pairs: TextractPair[] = [];
  for (const block of blocks as TextractBlock[]) {
    if (block?.BlockType !== 'KEY_VALUE_SET' || !Array.isArray(block.EntityTypes) || !block.EntityTypes.includes('KEY')) continue;
    const keyWords = words(block);
    const valueWords = related(block, 'VALUE').flatMap(words);
    pairs.push({
      key: keyWords.map((word) => String(word.Text ?? '')).join(' '),
      confidence: typeof block.Confidence === 'number' ? block.Confidence : 0,
      wordConfidences: [...keyWords, ...valueWords].map((word) => (typeof word.Confidence === 'number' ? word.Confidence : 0)),
    });
  }
  return pairs;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `the array ${JSON.stringify(value)}`;
  return JSON.stringify(value) ?? typeof value;
}
