import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CrowdClassifier } from '../crowd-classifier/crowd-classifier.js';
import type { CrowdInput } from '../crowd-input/crowd-input.js';
import { defineElements } from '../define.js';
import { captureWarnings, microtasks, mount } from '../internal/testing.test.js';
import { UnsupportedSchemaError, checkAnswerSchema, type AnswerValidator } from './answer-check.js';
import type { CrowdAnswerInvalidEvent, CrowdForm, CrowdSubmitEvent } from './crowd-form.js';

defineElements();

/** What `quorum schema` extracts from the form in {@link mountTask}. */
const TASK_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    sentiment: { type: 'object', properties: { label: { enum: ['Positive', 'Negative'] } }, required: ['label'], additionalProperties: false },
    reason: { type: 'string', maxLength: 10 },
  },
  required: ['sentiment'],
  additionalProperties: false,
};

async function mountTask(schemaJson = JSON.stringify(TASK_SCHEMA)): Promise<{ crowdForm: CrowdForm; classifier: CrowdClassifier; input: CrowdInput }> {
  const container = await mount<HTMLElement>(html`<div>
    <script type="application/json" id="task-answer-schema">${schemaJson}</script>
    <crowd-form answer-schema="#task-answer-schema" no-autosave>
      <crowd-classifier name="sentiment" header="Sentiment of the review" categories="['Positive', 'Negative', 'Mixed']"></crowd-classifier>
      <crowd-input name="reason" label="Why?"></crowd-input>
    </crowd-form>
  </div>`);
  const crowdForm = container.querySelector('crowd-form') as CrowdForm;
  await crowdForm.updateComplete;
  return { crowdForm, classifier: container.querySelector('crowd-classifier') as CrowdClassifier, input: container.querySelector('crowd-input') as CrowdInput };
}

const issuesPanel = (crowdForm: CrowdForm): HTMLElement | null => crowdForm.shadowRoot!.querySelector('[part="answer-issues"]');

afterEach(() => {
  document.getElementById('quorum-answer')?.remove();
  delete window.quorum;
});

describe('<crowd-form> answer schema', () => {
  it('blocks an answer outside the schema, says which field and what is wrong, and focuses it', async () => {
    const { crowdForm, classifier, input } = await mountTask();
    classifier.value = 'Mixed';
    input.value = 'far too long a reason';
    let submitted = false;
    crowdForm.addEventListener('crowd-submit', () => (submitted = true));
    const invalid = oneEvent(crowdForm, 'crowd-answer-invalid') as Promise<CrowdAnswerInvalidEvent>;
    expect(crowdForm.submit()).to.equal(false);
    const event = await invalid;
    expect(submitted).to.equal(false);
    expect(event.detail.answer).to.deep.equal({ sentiment: { label: 'Mixed' }, reason: 'far too long a reason' });
    expect(event.detail.issues.map((issue) => issue.path)).to.deep.equal(['/sentiment/label', '/reason']);
    await crowdForm.updateComplete;
    const items = [...issuesPanel(crowdForm)!.querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
    expect(items).to.deep.equal(['Sentiment of the review (label): must be one of "Positive", "Negative"', 'Why?: must have at most 10 characters']);
    expect(issuesPanel(crowdForm)!.getAttribute('role')).to.equal('alert');
    expect(document.activeElement).to.equal(classifier);
    expect(document.getElementById('quorum-answer')).to.equal(null);
  });

  it('names a native field by its <label>, without the option texts of a <select> inside it', async () => {
    const schema = { type: 'object', properties: { confidence: { enum: ['high'] } }, required: ['confidence'] };
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form no-autosave .answerSchema=${schema}>
        <label>Confidence <select name="confidence"><option>low</option><option>high</option></select></label>
      </crowd-form>
    `);
    expect(crowdForm.submit()).to.equal(false);
    await crowdForm.updateComplete;
    const items = [...issuesPanel(crowdForm)!.querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
    expect(items).to.deep.equal(['Confidence: must be one of "high"']);
  });

  it('updates the list as the worker fixes the answer, then submits', async () => {
    const { crowdForm, classifier, input } = await mountTask();
    input.value = 'far too long a reason';
    expect(crowdForm.submit()).to.equal(false);
    await crowdForm.updateComplete;
    expect(issuesPanel(crowdForm)!.querySelectorAll('li')).to.have.length(2);
    classifier.focus();
    await sendKeys({ press: '1' });
    await crowdForm.updateComplete;
    expect([...issuesPanel(crowdForm)!.querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Why?: must have at most 10 characters',
    ]);
    input.value = 'short';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await crowdForm.updateComplete;
    expect(issuesPanel(crowdForm)).to.equal(null);
    const submitted = oneEvent(crowdForm, 'crowd-submit') as Promise<CrowdSubmitEvent>;
    expect(crowdForm.submit()).to.equal(true);
    expect((await submitted).detail.answer).to.deep.equal({ sentiment: { label: 'Positive' }, reason: 'short' });
  });

  it('clicking the field in the list focuses its control', async () => {
    const { crowdForm, input, classifier } = await mountTask();
    classifier.value = 'Positive';
    input.value = 'far too long a reason';
    crowdForm.submit();
    await crowdForm.updateComplete;
    (document.activeElement as HTMLElement | null)?.blur();
    (issuesPanel(crowdForm)!.querySelector('[part="answer-issue-field"]') as HTMLButtonElement).click();
    expect(document.activeElement).to.equal(input);
  });

  it('a canceled crowd-answer-invalid leaves the showing to the template; submission stays blocked', async () => {
    const { crowdForm } = await mountTask();
    crowdForm.addEventListener('crowd-answer-invalid', (event) => event.preventDefault());
    expect(crowdForm.submit()).to.equal(false);
    await crowdForm.updateComplete;
    expect(issuesPanel(crowdForm)).to.equal(null);
    expect(crowdForm.checkAnswer()).to.deep.equal({ valid: false, issues: [{ path: '/sentiment', message: 'is missing: it needs an answer' }] });
  });

  it('checks after onsubmit handlers ran, so hidden inputs they fill are part of the answer (GT\'s custom multi-select)', async () => {
    const container = await mount<HTMLElement>(html`<div>
      <crowd-form no-autosave>
        <input type="hidden" id="labels" name="labels" value="[]" />
        <crowd-button class="choice">Dog</crowd-button>
      </crowd-form>
    </div>`);
    const crowdForm = container.querySelector('crowd-form') as CrowdForm;
    crowdForm.answerSchema = { type: 'object', properties: { labels: { type: 'string', minLength: 3 } }, required: ['labels'], additionalProperties: false };
    let filled = false;
    crowdForm.onsubmit = () => {
      if (filled) (container.querySelector('#labels') as HTMLInputElement).value = '["Dog"]';
    };
    expect(crowdForm.submit()).to.equal(false);
    filled = true;
    const submitted = oneEvent(crowdForm, 'crowd-submit') as Promise<CrowdSubmitEvent>;
    expect(crowdForm.submit()).to.equal(true);
    expect((await submitted).detail.answer).to.deep.equal({ labels: '["Dog"]' });
  });

  it('an answerValidator (a compiled validator) takes precedence over the schema', async () => {
    const { crowdForm, classifier } = await mountTask();
    classifier.value = 'Mixed';
    const seen: unknown[] = [];
    const validator: AnswerValidator = (answer) => {
      seen.push(answer);
      return { valid: true, value: answer };
    };
    crowdForm.answerValidator = validator;
    expect(crowdForm.validate()).to.equal(true);
    expect(seen).to.deep.equal([{ sentiment: { label: 'Mixed' } }]);
    crowdForm.answerValidator = () => ({ valid: false, issues: [{ path: '/sentiment/label', message: 'must not be Mixed', value: 'Mixed' }] });
    const invalid = oneEvent(crowdForm, 'crowd-answer-invalid') as Promise<CrowdAnswerInvalidEvent>;
    expect(crowdForm.validate()).to.equal(false);
    expect((await invalid).detail.issues).to.deep.equal([{ path: '/sentiment/label', message: 'must not be Mixed', value: 'Mixed' }]);
  });

  it('without any schema every answer passes', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><input name="free" aria-label="free" value="x" /></crowd-form>`);
    expect(crowdForm.checkAnswer()).to.deep.equal({ valid: true, value: { free: 'x' } });
    expect(crowdForm.submit()).to.equal(true);
  });

  it('a schema it cannot use blocks submission with a message, not a silent pass', async () => {
    for (const [setup, expected] of [
      [(form: CrowdForm) => form.setAttribute('answer-schema', 'nowhere'), /names no <script type="application\/json" id="nowhere">/],
      [(form: CrowdForm) => (form.answerSchema = { type: 'object', format: 'email' }), /uses "format" at \/, which <crowd-form> cannot check by itself/],
      [(form: CrowdForm) => (form.answerValidator = (() => 'yes') as unknown as AnswerValidator), /answerValidator returned "yes"/],
    ] as const) {
      const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><input name="free" aria-label="free" value="x" /></crowd-form>`);
      setup(crowdForm);
      let result: ReturnType<CrowdForm['checkAnswer']> | undefined;
      const warnings = await captureWarnings(() => {
        expect(crowdForm.submit()).to.equal(false);
        result = crowdForm.checkAnswer();
      });
      expect(result?.valid).to.equal(false);
      const message = result && !result.valid ? result.issues[0]!.message : '';
      expect(message).to.match(expected);
      expect(warnings.join('\n')).to.match(/\[quorum:answer-schema-unusable\]/);
      await crowdForm.updateComplete;
      expect(issuesPanel(crowdForm)!.textContent).to.match(/Answer: this task's answer schema cannot be used/);
    }
  });

  it('fetches the schema from a URL in answer-schema, refusing answers until it has arrived', async () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(TASK_SCHEMA)], { type: 'application/json' }));
    try {
      const crowdForm = await mount<CrowdForm>(html`<crowd-form answer-schema=${url} no-autosave>
        <crowd-classifier name="sentiment" header="Sentiment" categories="['Positive', 'Negative', 'Mixed']"></crowd-classifier>
      </crowd-form>`);
      const classifier = crowdForm.querySelector('crowd-classifier') as CrowdClassifier;
      classifier.value = 'Mixed';
      const loading = crowdForm.checkAnswer();
      expect(loading.valid).to.equal(false);
      expect(!loading.valid && loading.issues[0]!.message).to.match(/^the answer schema is still loading from blob:/);
      await waitUntil(() => {
        const result = crowdForm.checkAnswer();
        return result.valid || result.issues[0]!.path !== '';
      });
      expect(crowdForm.checkAnswer()).to.deep.equal({ valid: false, issues: [{ path: '/sentiment/label', message: 'must be one of "Positive", "Negative"', value: 'Mixed' }] });
      classifier.value = 'Positive';
      expect(crowdForm.submit()).to.equal(true);
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('says so when the schema URL cannot be loaded', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form answer-schema="/no/such/answer.schema.json" no-autosave><input name="x" aria-label="x" value="1" /></crowd-form>`);
    let message = '';
    const warnings = await captureWarnings(async () => {
      await waitUntil(() => {
        const result = crowdForm.checkAnswer();
        message = result.valid ? '' : result.issues[0]!.message;
        return !message.includes('still loading');
      });
    });
    expect(message).to.match(/answer schema cannot be used \(the answer schema could not be loaded from http.*\/no\/such\/answer\.schema\.json: HTTP 404\)/);
    expect(warnings.join('\n')).to.match(/\[quorum:answer-schema-unusable\]/);
    expect(crowdForm.submit()).to.equal(false);
  });

  it('reads the schema script again when its text changes', async () => {
    const { crowdForm, classifier } = await mountTask();
    classifier.value = 'Mixed';
    expect(crowdForm.checkAnswer().valid).to.equal(false);
    const script = document.getElementById('task-answer-schema')!;
    script.textContent = JSON.stringify({ type: 'object' });
    expect(crowdForm.checkAnswer().valid).to.equal(true);
  });

  it('has no axe violations while it shows problems', async () => {
    const { crowdForm } = await mountTask();
    crowdForm.submit();
    await crowdForm.updateComplete;
    await microtasks();
    await expect(crowdForm.parentElement!).to.be.accessible();
  });
});

describe('checkAnswerSchema (the schema subset quorum schema emits)', () => {
  const valid = (schema: object, value: unknown): boolean => checkAnswerSchema(schema, value).valid;
  const paths = (schema: object, value: unknown): string[] => {
    const result = checkAnswerSchema(schema, value);
    return result.valid ? [] : result.issues.map((issue) => `${issue.path} ${issue.message}`);
  };

  it('types, with integer apart from number and arrays apart from objects', () => {
    expect(valid({ type: 'integer' }, 3)).to.equal(true);
    expect(valid({ type: 'integer' }, 3.5)).to.equal(false);
    expect(valid({ type: 'number' }, 3.5)).to.equal(true);
    expect(valid({ type: 'object' }, [])).to.equal(false);
    expect(valid({ type: 'array' }, [])).to.equal(true);
    expect(valid({ type: ['string', 'null'] }, null)).to.equal(true);
    expect(paths({ type: 'boolean' }, 'true')).to.deep.equal([' must be a boolean, not string']);
  });

  it('enum and const by JSON equality', () => {
    expect(valid({ enum: [{ a: [1] }] }, { a: [1] })).to.equal(true);
    expect(valid({ enum: ['1', '2'] }, 1)).to.equal(false);
    expect(valid({ const: 'x' }, 'x')).to.equal(true);
    expect(paths({ const: 'x' }, 'y')).to.deep.equal([' must be "x"']);
  });

  it('string length in code points, number bounds', () => {
    expect(valid({ type: 'string', maxLength: 2 }, '😀😀')).to.equal(true);
    expect(valid({ type: 'string', minLength: 1 }, '')).to.equal(false);
    expect(valid({ type: 'integer', minimum: 1, maximum: 5 }, 5)).to.equal(true);
    expect(paths({ type: 'integer', minimum: 1, maximum: 5 }, 6)).to.deep.equal([' must be at most 5']);
  });

  it('arrays: items, bounds, uniqueness', () => {
    const schema = { type: 'array', items: { enum: ['a', 'b'] }, minItems: 1, maxItems: 2, uniqueItems: true };
    expect(valid(schema, ['a', 'b'])).to.equal(true);
    expect(paths(schema, [])).to.deep.equal([' must not be empty']);
    expect(paths(schema, ['a', 'a'])).to.deep.equal([' has "a" more than once']);
    expect(paths(schema, ['a', 'c'])).to.deep.equal(['/1 must be one of "a", "b"']);
  });

  it('objects: required, properties, patternProperties, additionalProperties, escaped pointers', () => {
    const schema = {
      type: 'object',
      properties: { 'a/b': { type: 'string' } },
      patternProperties: { '^q-[0-9]+$': { type: 'integer' } },
      required: ['a/b'],
      additionalProperties: false,
    };
    expect(valid(schema, { 'a/b': 'x', 'q-1': 2, 'q-22': 3 })).to.equal(true);
    expect(paths(schema, { 'q-1': 'no', extra: 1 })).to.deep.equal([
      '/a~1b is missing: it needs an answer',
      '/q-1 must be an integer, not string',
      '/extra is not part of this task (a control the answer schema does not know)',
    ]);
    expect(valid({ type: 'object', additionalProperties: { type: 'boolean' } }, { x: true, y: 1 })).to.equal(false);
    expect(valid(JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "string"}}}') as object, JSON.parse('{"__proto__": 1}'))).to.equal(false);
  });

  it('anyOf and dependentSchemas (a pairwise strength only with A or B)', () => {
    const pairwise = {
      type: 'object',
      properties: { choice: { enum: ['A', 'B', 'tie'] }, strength: { enum: ['slightly', 'much'] } },
      required: ['choice'],
      dependentSchemas: { strength: { type: 'object', properties: { choice: { enum: ['A', 'B'] } } } },
    };
    expect(valid(pairwise, { choice: 'A', strength: 'much' })).to.equal(true);
    expect(valid(pairwise, { choice: 'tie' })).to.equal(true);
    expect(paths(pairwise, { choice: 'tie', strength: 'much' })).to.deep.equal(['/choice must be one of "A", "B"']);
    const either = { anyOf: [{ type: 'string' }, { type: 'object', properties: { on: { type: 'boolean' } }, required: ['on'] }] };
    expect(valid(either, 'x')).to.equal(true);
    expect(valid(either, { on: true })).to.equal(true);
    expect(valid(either, 3)).to.equal(false);
  });

  it('refuses keywords it does not apply instead of passing answers it did not check', () => {
    expect(() => checkAnswerSchema({ type: 'object', properties: { a: { type: 'string', pattern: '^x' } } }, { a: 'y' })).to.throw(UnsupportedSchemaError, /"pattern" at \/properties\/a/);
    expect(() => checkAnswerSchema({ $ref: '#/$defs/x' }, {})).to.throw(UnsupportedSchemaError, /"\$ref"/);
    expect(() => checkAnswerSchema('not a schema', {})).to.throw(UnsupportedSchemaError, /not a schema object/);
    expect(valid({ title: 'T', description: 'D', $schema: 'x', $id: 'y', type: 'object' }, {})).to.equal(true);
  });
});
