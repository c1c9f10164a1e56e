// The answer schemas of Ground Truth's form controls, checked against the answers Ground Truth
// documents (../shared/gt-reference/answer.*.json) and against near misses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  validateAnswerObject,
  validateCrowdCheckboxAnswer,
  validateCrowdClassifierMultiSelectAnswer,
  validateCrowdInputAnswer,
  validateCrowdRadioButtonAnswer,
  validateCrowdSliderAnswer,
  validateCrowdTextAreaAnswer,
  validateCrowdToggleButtonAnswer,
  type ValidationResult,
} from '@quorum/schema';

const shared = process.env.QUORUM_SHARED ?? new URL('../../../../shared/', import.meta.url).pathname;

/** The one answer object of a reference file (published wrapped in a one-element array). */
function referenceAnswer(name: string): Record<string, unknown> {
  const data: unknown = JSON.parse(readFileSync(`${shared}/gt-reference/${name}`, 'utf8'));
  assert.ok(Array.isArray(data) && data.length === 1, `${name}: expected a one-element array`);
  return data[0] as Record<string, unknown>;
}

function assertValid(result: ValidationResult<unknown>, what: string): void {
  assert.equal(result.valid, true, `${what}: ${JSON.stringify(result)}`);
}

function assertInvalid(result: ValidationResult<unknown>, what: string, path: string): void {
  assert.equal(result.valid, false, `${what} should be invalid`);
  if (!result.valid) assert.ok(result.issues.some((issue) => issue.path === path), `${what}: no issue at ${path}: ${JSON.stringify(result.issues)}`);
}

describe('form control answers: Ground Truth reference examples validate', () => {
  const cases: [file: string, validate: (data: unknown) => ValidationResult<unknown>][] = [
    ['answer.crowd-classifier-multi-select.json', validateCrowdClassifierMultiSelectAnswer],
    ['answer.crowd-checkbox.same-name.json', validateCrowdCheckboxAnswer],
    ['answer.crowd-checkbox.different-names.json', validateCrowdCheckboxAnswer],
    ['answer.crowd-radio-group.json', validateCrowdRadioButtonAnswer],
    ['answer.crowd-toggle-button.json', validateCrowdToggleButtonAnswer],
    ['answer.crowd-input.json', validateCrowdInputAnswer],
    ['answer.crowd-text-area.json', validateCrowdTextAreaAnswer],
  ];
  for (const [file, validate] of cases) {
    it(file, () => {
      const answer = referenceAnswer(file);
      assertValid(validateAnswerObject(answer), `${file} as an answer object`);
      for (const [name, value] of Object.entries(answer)) assertValid(validate(value), `${file} entry "${name}"`);
    });
  }
});

describe('form control answers: near misses are rejected with a path', () => {
  it('multi-select: labels must be a list of distinct strings, nothing else', () => {
    assertValid(validateCrowdClassifierMultiSelectAnswer({ labels: [] }), 'the exclusion category');
    assertInvalid(validateCrowdClassifierMultiSelectAnswer({ label: 'a' }), 'label instead of labels', '');
    assertInvalid(validateCrowdClassifierMultiSelectAnswer({ labels: 'a' }), 'a string', '/labels');
    assertInvalid(validateCrowdClassifierMultiSelectAnswer({ labels: [1] }), 'a number', '/labels/0');
    assertInvalid(validateCrowdClassifierMultiSelectAnswer({ labels: ['a', 'a'] }), 'a repeat', '/labels');
  });

  it('checkbox, radio button and toggle: booleans keyed by value, at least one', () => {
    for (const validate of [validateCrowdCheckboxAnswer, validateCrowdRadioButtonAnswer, validateCrowdToggleButtonAnswer]) {
      assertValid(validate({ on: false }), 'unchecked');
      assertInvalid(validate({ on: 'true' }), 'a string', '/on');
      assertInvalid(validate({}), 'empty', '');
      assertInvalid(validate(true), 'a bare boolean', '');
    }
  });

  it('input and text area: a non-empty string (numbers are strings too)', () => {
    for (const validate of [validateCrowdInputAnswer, validateCrowdTextAreaAnswer]) {
      assertValid(validate('42'), 'a number as a string');
      assertInvalid(validate(''), 'empty', '');
      assertInvalid(validate(42), 'a number', '');
    }
  });

  it('slider: a number', () => {
    assertValid(validateCrowdSliderAnswer(-2.5), 'a negative fraction');
    assertInvalid(validateCrowdSliderAnswer('5'), 'a string', '');
    assertInvalid(validateCrowdSliderAnswer(null), 'null', '');
  });
});
