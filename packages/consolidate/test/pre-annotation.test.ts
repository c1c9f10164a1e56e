import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuorumValidationError } from '@quorum/schema';
import { readFileSync } from 'node:fs';
import { parseJsonPath, resolveJsonPath } from '../src/lambda/json-path.js';
import { explainPreAnnotation, normalizePreAnnotationResponse, preAnnotation, type PreAnnotationOptions } from '../src/lambda/pre-annotation.js';
import { compileRouting, RoutingOptionsError, type HumanLoopActivationConditions } from '../src/lambda/routing.js';
import { readSharedJson } from './helpers.js';

const event = (dataObject: Record<string, unknown>) => ({ version: '2018-10-16', labelingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/review', dataObject });
const textract = JSON.parse(readFileSync(new URL('./fixtures/textract-pay-stub.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const decide = (options: PreAnnotationOptions, dataObject: Record<string, unknown>) => explainPreAnnotation(event(dataObject), options);

describe('preAnnotation', () => {
  for (const file of ['pre-annotation-event.source.json', 'pre-annotation-event.source-ref.json']) {
    it(`passes the data object through as taskInput for ${file}`, () => {
      const event = readSharedJson(`gt-reference/${file}`) as { dataObject: object };
      const response = preAnnotation(event);
      assert.deepEqual(response, { taskInput: event.dataObject, isHumanAnnotationRequired: true });
      assert.notEqual(response.taskInput, event.dataObject, 'a copy, so a handler cannot alter the event');
    });
  }

  it('builds taskInput and the routing decision with the given functions', () => {
    const event = readSharedJson('gt-reference/pre-annotation-event.source.json');
    const response = preAnnotation(event, {
      taskInput: (dataObject) => ({ taskObject: dataObject.source ?? dataObject['source-ref'] ?? null }),
      isHumanAnnotationRequired: (dataObject) => typeof dataObject.source === 'string' && dataObject.source.length > 0,
    });
    assert.deepEqual(response, readSharedJson('gt-reference/pre-annotation-response.json'));
  });

  it('carries the scenario\'s fields to task.input', () => {
    const response = preAnnotation({
      version: '2018-10-16',
      labelingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/rate',
      dataObject: { source: 'What is the boiling point of water?', answer: '100 °C at sea level.' },
    });
    assert.equal(response.taskInput.answer, '100 °C at sea level.');
  });

  it('says which field of a malformed event is wrong', () => {
    assert.throws(
      () => preAnnotation({ version: '2018-10-16', labelingJobArn: 'arn' }),
      (error: QuorumValidationError) => {
        assert.ok(error instanceof QuorumValidationError);
        assert.match(error.message, /pre-annotation event: event is invalid/);
        assert.match(error.message, /dataObject/);
        return true;
      },
    );
    assert.throws(() => preAnnotation({ version: 1, labelingJobArn: 'arn', dataObject: {} }), /\/version must be of type string/);
    assert.throws(() => preAnnotation(null), QuorumValidationError);
  });

  it('checks what the callbacks return', () => {
    const event = readSharedJson('gt-reference/pre-annotation-event.source.json');
    assert.throws(() => preAnnotation(event, { taskInput: () => ['x'] as never }), /taskInput must return a JSON object, found an array/);
    assert.throws(() => preAnnotation(event, { isHumanAnnotationRequired: () => 'yes' as never }), /must return a boolean, found "yes"/);
  });
});

describe('normalizePreAnnotationResponse', () => {
  it('reads the documented form', () => {
    const response = readSharedJson('gt-reference/pre-annotation-response.json');
    assert.deepEqual(normalizePreAnnotationResponse(response), response);
  });

  it('reads the variant returned by Ground Truth\'s example Lambda', () => {
    const variant = readSharedJson('gt-reference/pre-annotation-response.doc-lambda-variant.json') as { taskInput: object };
    assert.deepEqual(normalizePreAnnotationResponse(variant), { taskInput: variant.taskInput, isHumanAnnotationRequired: true });
  });

  it('reads flags as strings in any case, and defaults to true', () => {
    const taskInput = { a: 1 };
    assert.equal(normalizePreAnnotationResponse({ taskInput, humanAnnotationRequired: 'False' }).isHumanAnnotationRequired, false);
    assert.equal(normalizePreAnnotationResponse({ taskInput, isHumanAnnotationRequired: 'false' }).isHumanAnnotationRequired, false);
    assert.equal(normalizePreAnnotationResponse({ taskInput, isHumanAnnotationRequired: false }).isHumanAnnotationRequired, false);
    assert.equal(normalizePreAnnotationResponse({ taskInput }).isHumanAnnotationRequired, true);
  });

  it('rejects contradictions and non-flags, naming the field', () => {
    assert.throws(
      () => normalizePreAnnotationResponse({ taskInput: {}, isHumanAnnotationRequired: true, humanAnnotationRequired: 'false' }),
      /\/humanAnnotationRequired contradicts isHumanAnnotationRequired/,
    );
    assert.throws(() => normalizePreAnnotationResponse({ taskInput: {}, isHumanAnnotationRequired: 'yes' }), /isHumanAnnotationRequired/);
    assert.throws(() => normalizePreAnnotationResponse({ isHumanAnnotationRequired: true }), /taskInput/);
    assert.throws(() => normalizePreAnnotationResponse('true'), QuorumValidationError);
  });
});

describe('preAnnotation routing: sampling', () => {
  const transcripts = Array.from({ length: 5000 }, (_, i) => ({ 'source-ref': `s3://chats/transcript-${i}.json` }));

  it('samples about the given share, the same objects on every run, independent draws per seed', () => {
    const pick = (seed: string) => transcripts.filter((t) => preAnnotation(event(t), { sampling: { rate: 0.3, seed } }).isHumanAnnotationRequired);
    const first = pick('audit-2026-11');
    // 5000 × 0.3 = 1500, standard deviation √(5000·0.3·0.7) ≈ 32; four deviations either side.
    assert.ok(first.length > 1370 && first.length < 1630, `${first.length} sampled`);
    assert.deepEqual(pick('audit-2026-11'), first, 'a re-run or a retry routes each object the same way');
    const other = new Set(pick('audit-2026-12').map((t) => t['source-ref']));
    const overlap = first.filter((t) => other.has(t['source-ref'])).length;
    // Independent draws overlap on 0.3 × 0.3 = 9 % of the objects (450 ± 4 × 20).
    assert.ok(overlap > 370 && overlap < 530, `${overlap} objects in both samples`);
  });

  it('routes by the identity, not by key order, and can read the identity from a field', () => {
    const options = { sampling: { rate: 0.5, seed: 7 }, identityPath: 'meta.id' };
    const a = decide(options, { meta: { id: 'x-1' }, text: 'one' }).decision.humanAnnotationRequired;
    assert.equal(decide(options, { text: 'edited', meta: { id: 'x-1' } }).decision.humanAnnotationRequired, a);
    const noRef = { sampling: { rate: 0.5 } };
    assert.equal(decide(noRef, { b: 1, a: [1, { d: 2, c: 3 }] }).decision.humanAnnotationRequired, decide(noRef, { a: [1, { c: 3, d: 2 }], b: 1 }).decision.humanAnnotationRequired);
  });

  it('sends nothing at rate 0 and everything at rate 1, and says why', () => {
    const none = decide({ sampling: { rate: 0 } }, transcripts[0]);
    assert.deepEqual(none.response, { taskInput: transcripts[0], isHumanAnnotationRequired: false });
    assert.deepEqual(none.decision.reasons, [{ source: 'default', name: 'default', detail: 'not sampled at rate 0' }]);
    const all = decide({ sampling: { rate: 1 } }, transcripts[0]);
    assert.equal(all.response.isHumanAnnotationRequired, true);
    assert.equal(all.decision.reasons[0].source, 'sampling');
    assert.match(all.decision.reasons[0].detail, /^sampled: draw 0\.\d{6} < rate 1 \(seed "quorum"\)$/);
  });

  it('writes the flag in the documented form by default, or as the example Lambda does', () => {
    const skipped = { sampling: { rate: 0 } };
    assert.deepEqual(Object.keys(preAnnotation(event(transcripts[1]), skipped)), ['taskInput', 'isHumanAnnotationRequired']);
    const variant = preAnnotation(event(transcripts[1]), { ...skipped, responseFlag: { key: 'humanAnnotationRequired', value: 'string' } });
    assert.deepEqual(variant, { taskInput: transcripts[1], humanAnnotationRequired: 'false' });
    assert.equal(normalizePreAnnotationResponse(variant).isHumanAnnotationRequired, false, 'both forms read back');
    assert.deepEqual(preAnnotation(event(transcripts[1]), { ...skipped, responseFlag: { value: 'string' } }), { taskInput: transcripts[1], isHumanAnnotationRequired: 'false' });
  });
});

describe('preAnnotation routing: escalation rules', () => {
  const chat = (sentiment: number | undefined, confidence: number, texts: string[]) => ({
    'source-ref': `s3://chats/${texts.join('|')}.json`,
    scores: { ...(sentiment === undefined ? {} : { sentiment }), confidence },
    turns: texts.map((text, i) => ({ role: i % 2 ? 'agent' : 'customer', text })),
  });
  const options: PreAnnotationOptions = {
    escalate: [
      { name: 'negative sentiment', path: 'scores.sentiment', op: '<', value: -0.5 },
      { name: 'unsure model', path: 'scores.confidence', op: '<', value: 0.8 },
      { name: 'cancellation', path: 'turns[*].text', op: 'keywords', keywords: ['cancel my account', 'refund', 'lawyer'] },
    ],
  };

  it('sends an object to people when any rule fires and names every rule that did', () => {
    const { response, decision } = decide(options, chat(-0.7, 0.95, ['Hi', 'Hello!', 'I want a REFUND now']));
    assert.equal(response.isHumanAnnotationRequired, true);
    assert.deepEqual(decision.reasons, [
      { source: 'rule', name: 'negative sentiment', detail: 'scores.sentiment = -0.7 < -0.5' },
      { source: 'rule', name: 'cancellation', detail: 'turns[*].text = "I want a REFUND now" contains a keyword of ["cancel my account","refund","lawyer"]' },
    ]);
    const calm = decide(options, chat(0.2, 0.95, ['Where is my parcel?', 'It arrives today.']));
    assert.deepEqual(calm.response, { taskInput: chat(0.2, 0.95, ['Where is my parcel?', 'It arrives today.']), isHumanAnnotationRequired: false });
  });

  it('matches keywords as whole words, so a longer word does not fire', () => {
    const { decision } = decide(options, chat(0.2, 0.95, ['Has it been refunded?', 'Yes.']));
    assert.equal(decision.humanAnnotationRequired, false);
    assert.deepEqual(decision.reasons, [{ source: 'default', name: 'default', detail: 'no escalation rule fired' }]);
  });

  it('compares at the threshold exactly as written (<, <=, >, >=)', () => {
    const at = (op: '<' | '<=' | '>' | '>=') => decide({ escalate: [{ path: 'x', op, value: 0.8 }] }, { x: 0.8 }).decision.humanAnnotationRequired;
    assert.deepEqual([at('<'), at('<='), at('>'), at('>=')], [false, true, false, true]);
  });

  it('tests equality, membership and regular expressions', () => {
    const rules: PreAnnotationOptions = {
      escalate: [
        { name: 'flagged', path: 'flagged', op: '==', value: true },
        { name: 'risky language', path: 'lang', op: 'in', values: ['tr', 'ar'], ifMissing: 'ignore' },
        { name: 'card number', path: 'text', op: 'matches', pattern: '\\b(?:\\d[ -]?){13,16}\\b', ifMissing: 'ignore' },
      ],
    };
    assert.deepEqual(decide(rules, { flagged: true }).decision.reasons.map((r) => r.name), ['flagged']);
    assert.deepEqual(decide(rules, { flagged: false, lang: 'ar' }).decision.reasons.map((r) => r.name), ['risky language']);
    assert.deepEqual(decide(rules, { flagged: false, text: 'my card is 4111 1111 1111 1111' }).decision.reasons.map((r) => r.name), ['card number']);
    const quiet = decide(rules, { flagged: false, lang: 'en', text: 'hello' });
    assert.equal(quiet.decision.humanAnnotationRequired, false);
  });

  it('escalates when a field is missing or of the wrong type, unless told to ignore it, and says so', () => {
    const missing = decide(options, chat(undefined, 0.95, ['ok']));
    assert.deepEqual(missing.decision.reasons, [
      { source: 'rule', name: 'negative sentiment', detail: 'scores.sentiment is missing, so the rule cannot be checked (ifMissing: escalate)' },
    ]);
    const typed = decide({ escalate: [{ path: 'score', op: '>', value: 3, ifMissing: 'ignore' }] }, { score: 'high' });
    assert.equal(typed.decision.humanAnnotationRequired, false);
    assert.deepEqual(typed.decision.notes, ['rule 1: score holds no number (found "high"); ignored (ifMissing: ignore)']);
  });

  it('combines rules with sampling: escalated objects always go, the rest at the sampling rate', () => {
    const combined: PreAnnotationOptions = { ...options, sampling: { rate: 0.1, seed: 'x' } };
    const objects = Array.from({ length: 2000 }, (_, i) => chat(i % 4 === 0 ? -0.9 : 0.5, 0.99, [`message ${i}`]));
    const sent = objects.map((o) => decide(combined, o).decision);
    assert.ok(sent.filter((_, i) => i % 4 === 0).every((d) => d.humanAnnotationRequired && d.reasons[0].name === 'negative sentiment'));
    const sampled = sent.filter((d, i) => i % 4 !== 0 && d.humanAnnotationRequired);
    assert.ok(sampled.length > 100 && sampled.length < 200, `${sampled.length} of 1500 sampled at 10 %`);
    assert.ok(sampled.every((d) => d.reasons.length === 1 && d.reasons[0].source === 'sampling'));
  });

  it('names the bad option', () => {
    const bad = (options: unknown, pattern: RegExp) => {
      assert.throws(() => preAnnotation(event({ a: 1 }), options as PreAnnotationOptions), (error: Error) => error instanceof RoutingOptionsError && pattern.test(error.message));
    };
    bad({ sampling: { rate: 5 } }, /^sampling\.rate must be a number from 0 to 1/);
    bad({ sampling: { rate: 0.1, sed: 1 } }, /^sampling\.sed is not a sampling option/);
    bad({ escalate: [{ path: 'a', op: '<', value: 1 }, { path: 'b', op: '≤', value: 1 }] }, /^escalate\[1\]\.op must be one of "<", "<=", ">", ">=", "==", "in", "keywords", "matches", found "≤"/);
    bad({ escalate: [{ path: 'a', op: '<', value: '0.8' }] }, /^escalate\[0\]\.value must be a finite number for "<", found "0\.8"/);
    bad({ escalate: [{ path: 'a..b', op: '<', value: 1 }] }, /^escalate\[0\]\.path is not a valid path: path "a\.\.b": empty key/);
    bad({ escalate: [{ path: 'a', op: 'keywords', keywords: [] }] }, /^escalate\[0\]\.keywords must be a non-empty array/);
    bad({ escalate: [{ path: 'a', op: 'matches', pattern: '(' }] }, /^escalate\[0\]\.pattern is not a valid regular expression/);
    bad({ escalate: [{ path: 'a', op: 'in', value: [1] }] }, /^escalate\[0\]\.value is not an option of a "in" rule/);
    bad({ escalte: [] }, /^escalte is not a routing option/);
    bad({ responseFlag: { key: 'humanAnnotation' } }, /^responseFlag\.key must be/);
    bad({ sampling: { rate: 0.1 }, isHumanAnnotationRequired: () => true }, /^isHumanAnnotationRequired replaces the routing options \(sampling\); give one or the other/);
  });
});

describe('preAnnotation routing: A2I activation conditions', () => {
  const payDate = {
    ConditionType: 'ImportantFormKeyConfidenceCheck',
    ConditionParameters: { ImportantFormKey: 'Pay Date', ImportantFormKeyAliases: ['PayDate', 'DateOfPay', 'pay-date'], KeyValueBlockConfidenceLessThan: 65, WordBlockConfidenceLessThan: 85 },
  } as const;
  const withTextract = { 'source-ref': 's3://forms/stub-1.png', textract };
  const run = (conditions: unknown, dataObject: Record<string, unknown> = withTextract) =>
    decide({ activationConditions: { conditions: conditions as HumanLoopActivationConditions, inferencePath: 'textract' } }, dataObject).decision;

  it('ImportantFormKeyConfidenceCheck: a key or alias whose key-value and every word confidence are in range', () => {
    const hit = run({ Conditions: [payDate] });
    assert.equal(hit.humanAnnotationRequired, true);
    assert.deepEqual(hit.reasons, [
      { source: 'activation-condition', name: 'Conditions[0]', detail: 'ImportantFormKeyConfidenceCheck: key "Pay Date" has key-value confidence 62 and word confidences [84, 83.5, 80]' },
    ]);
    const stricter = { ...payDate, ConditionParameters: { ...payDate.ConditionParameters, WordBlockConfidenceLessThan: 82 } };
    assert.equal(run({ Conditions: [stricter] }).humanAnnotationRequired, false, 'the words 84 and 83.5 are not below 82');
    const anyKey = { ConditionType: 'ImportantFormKeyConfidenceCheck', ConditionParameters: { ImportantFormKey: '*', KeyValueBlockConfidenceGreaterThanEquals: 97 } };
    assert.match(run({ Conditions: [anyKey] }).reasons[0].detail, /key "Employee Name" has key-value confidence 97/);
  });

  it('MissingImportantFormKey: fires when neither the key nor an alias was detected', () => {
    const missing = (key: string, aliases: string[] = []) =>
      run({ Conditions: [{ ConditionType: 'MissingImportantFormKey', ConditionParameters: { ImportantFormKey: key, ImportantFormKeyAliases: aliases } }] });
    assert.equal(missing('Mailing Address', ['Mailing Address:']).humanAnnotationRequired, true);
    assert.match(missing('Mailing Address').reasons[0].detail, /no key "Mailing Address" among \["Pay Date","Employee Name"\]/);
    assert.equal(missing('Name', ['Employee Name']).humanAnnotationRequired, false);
  });

  it('ModerationLabelConfidenceCheck on a Rekognition response, exact names or "*"', () => {
    const image = { 'source-ref': 's3://images/1.jpg', ModerationLabels: [{ Name: 'Suggestive', ParentName: '', Confidence: 72.5 }, { Name: 'Female Swimwear Or Underwear', ParentName: 'Suggestive', Confidence: 91 }] };
    const check = (parameters: Record<string, unknown>) =>
      decide({ activationConditions: { conditions: JSON.stringify({ Conditions: [{ ConditionType: 'ModerationLabelConfidenceCheck', ConditionParameters: parameters }] }) } }, image).decision;
    assert.equal(check({ ModerationLabelName: 'Suggestive', ConfidenceLessThan: 80 }).humanAnnotationRequired, true);
    assert.equal(check({ ModerationLabelName: 'suggestive', ConfidenceLessThan: 80 }).humanAnnotationRequired, false, 'names are case-sensitive');
    assert.equal(check({ ModerationLabelName: '*', ConfidenceGreaterThan: 90 }).reasons[0].detail, 'ModerationLabelConfidenceCheck: "Female Swimwear Or Underwear" has confidence 91');
    assert.equal(check({ ModerationLabelName: '*', ConfidenceGreaterThan: 95 }).humanAnnotationRequired, false);
  });

  it('And/Or with Sampling: the documented example 6 (always low confidence, a sample of high confidence)', () => {
    const conditions = {
      Conditions: [
        {
          Or: [
            { ...payDate, ConditionParameters: { ...payDate.ConditionParameters, KeyValueBlockConfidenceLessThan: 60, WordBlockConfidenceLessThan: 60 } },
            { And: [{ ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 100 } }, { ConditionType: 'ImportantFormKeyConfidenceCheck', ConditionParameters: { ImportantFormKey: 'Pay Date', KeyValueBlockConfidenceGreaterThan: 60 } }] },
          ],
        },
      ],
    };
    const decision = run(conditions);
    assert.equal(decision.humanAnnotationRequired, true);
    assert.match(decision.reasons[0].detail, /^Or: \(And: \(Sampling: draw \d+\.\d{4} < 100 %\) and \(ImportantFormKeyConfidenceCheck: key "Pay Date"/);
    const none = JSON.parse(JSON.stringify(conditions).replace('"RandomSamplingPercentage":100', '"RandomSamplingPercentage":0.01'));
    assert.equal(run(none).humanAnnotationRequired, false, 'the low-confidence branch does not hold (62 ≥ 60) and a 0.01 % sample skips this form');
  });

  it('sends the object to people when the inference it must check is missing', () => {
    const decision = run({ Conditions: [payDate] }, { 'source-ref': 's3://forms/2.png' });
    assert.deepEqual(decision.reasons, [{ source: 'activation-condition', name: 'inferencePath', detail: 'textract is missing from the data object, so the activation conditions cannot be checked' }]);
  });

  it('rejects conditions A2I would reject, naming the place', () => {
    const bad = (conditions: unknown, pattern: RegExp) => assert.throws(() => compileRouting({ activationConditions: { conditions: conditions as HumanLoopActivationConditions } }), pattern);
    bad('{"Conditions": [', /^RoutingOptionsError|activationConditions\.conditions is not valid JSON/);
    bad({ Conditions: [] }, /activationConditions\.conditions\.Conditions must be a non-empty array/);
    bad({ Conditions: [{ ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 0 } }] }, /Conditions\[0\]\.ConditionParameters\.RandomSamplingPercentage must be a number from 0\.01 to 100, found 0/);
    bad({ Conditions: [{ ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercent: 5 } }] }, /Conditions\[0\]\.ConditionParameters\.RandomSamplingPercent is not a parameter of Sampling/);
    bad({ Conditions: [{ ConditionType: 'ImportantFormKeyConfidenceCheck', ConditionParameters: { ImportantFormKey: 'Name' } }] }, /needs at least one KeyValueBlockConfidence/);
    bad({ Conditions: [{ ConditionType: 'LabelCheck', ConditionParameters: {} }] }, /Conditions\[0\]\.ConditionType must be Sampling, .*found "LabelCheck"/);
    const leaf = { ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 5 } };
    bad({ Conditions: [{ And: [leaf, { Or: [leaf, { And: [leaf, leaf] }] }] }] }, /Conditions\[0\]\.And\[1\]\.Or\[1\] nests "And" deeper than the 2 levels A2I supports/);
  });
});

describe('routing paths', () => {
  it('a quoted key may hold "]" and "."', () => {
    const path = parseJsonPath('scores["a]b"].x');
    assert.deepEqual(resolveJsonPath({ scores: { 'a]b': { x: 3 } } }, path), [3]);
    assert.deepEqual(resolveJsonPath({ 'k.1': 2 }, parseJsonPath("['k.1']")), [2]);
    assert.throws(() => parseJsonPath('scores[a'), /"\[" without "\]"/);
  });
});
