import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CrowdButton } from '../crowd-button/crowd-button.js';
import type { CrowdClassifier } from '../crowd-classifier/crowd-classifier.js';
import { defineElements } from '../define.js';
import { captureWarnings, microtasks, mount } from '../internal/testing.test.js';
import type { CrowdForm, CrowdSubmitEvent } from './crowd-form.js';

defineElements();

/** Reads a Ground Truth reference file from the shared data folder (served from outside the test root). */
async function gtReference(file: string): Promise<unknown> {
  const url = `/__wds-outside-root__/1/shared/gt-reference/${file}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not read ${url} (HTTP ${response.status}): the shared folder must sit next to the repository.`);
  return response.json();
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Renders templates/llm-relevance-rating/template.liquid.html with its fixture input, escaping
 * as the template compiler does, and mounts it. The template's <script src> is inert in innerHTML;
 * the elements are already defined by this test.
 */
async function mountRelevanceTemplate(): Promise<{ container: HTMLElement; crowdForm: CrowdForm; classifier: CrowdClassifier }> {
  const [source, input] = await Promise.all([
    fetch('/templates/llm-relevance-rating/template.liquid.html').then((response) => response.text()),
    fetch('/templates/llm-relevance-rating/fixtures/input.json').then((response) => response.json() as Promise<Record<string, string>>),
  ]);
  const rendered = source.replace(/\{\{\s*task\.input\.(\w+)\s*\}\}/g, (_match, key: string) => escapeHtml(input[key] ?? ''));
  const container = await mount<HTMLElement>(html`<div></div>`);
  container.innerHTML = rendered;
  const crowdForm = container.querySelector('crowd-form') as CrowdForm;
  const classifier = container.querySelector('crowd-classifier') as CrowdClassifier;
  await crowdForm.updateComplete;
  await classifier.updateComplete;
  return { container, crowdForm, classifier };
}

/** The `formdata` event of the next native form submission anywhere in the page: what is really posted. */
function nextPostedFormData(): Promise<{ form: HTMLFormElement; data: FormData }> {
  return new Promise((resolve) => {
    document.addEventListener('formdata', (event) => resolve({ form: event.target as HTMLFormElement, data: event.formData }), { once: true, capture: true });
  });
}

/** Runs `action` with the page URL's query string replaced, then puts the URL back. */
async function withQuery(query: string, action: () => Promise<void>): Promise<void> {
  const original = location.href;
  history.replaceState(null, '', `${location.pathname}?${query}`);
  try {
    await action();
  } finally {
    history.replaceState(null, '', original);
  }
}

const previewOutput = (): HTMLElement | null => document.getElementById('quorum-answer');

afterEach(() => {
  previewOutput()?.remove();
  delete window.quorum;
});

describe('<crowd-form> with the relevance template', () => {
  it('submits exactly {"relevance":{"label":"4"}} when the worker presses 4 and clicks Submit', async () => {
    const page = location.href;
    const { crowdForm, classifier } = await mountRelevanceTemplate();
    expect(classifier.querySelector('classification-target')?.textContent).to.contain('home to the <b>Louvre</b>.');
    classifier.focus();
    await sendKeys({ press: '4' });
    const submitButton = crowdForm.querySelector('crowd-button[form-action="submit"]') as CrowdButton;
    expect(submitButton.textContent).to.equal('Submit');
    const submitted = oneEvent(crowdForm, 'crowd-submit') as Promise<CrowdSubmitEvent>;
    submitButton.click();
    const event = await submitted;
    expect(JSON.stringify(event.detail.answer)).to.equal('{"relevance":{"label":"4"}}');
    expect(previewOutput()?.textContent).to.equal(JSON.stringify({ relevance: { label: '4' } }, null, 2));
    expect(window.quorum?.lastAnswer).to.deep.equal({ relevance: { label: '4' } });
    expect(location.href).to.equal(page);
  });

  it('submits with the keyboard alone: Tab to the categories, 4, Enter', async () => {
    const { crowdForm, container } = await mountRelevanceTemplate();
    const before = document.createElement('button');
    before.textContent = 'start';
    container.prepend(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: '4' });
    const submitted = oneEvent(crowdForm, 'crowd-submit') as Promise<CrowdSubmitEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await submitted).detail.answer).to.deep.equal({ relevance: { label: '4' } });
  });

  it('has no axe violations', async () => {
    const { container } = await mountRelevanceTemplate();
    await expect(container).to.be.accessible();
  });
});

describe('<crowd-form> structure', () => {
  it('keeps a native <form> in its light DOM holding its children', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form><p id="intro">Hello</p><input name="a" aria-label="a" /></crowd-form>`);
    const form = crowdForm.querySelector(':scope > form') as HTMLFormElement;
    expect(crowdForm.form).to.equal(form);
    expect([...crowdForm.children]).to.deep.equal([form]);
    expect(form.querySelector('#intro')).to.not.equal(null);
    expect((form.elements.namedItem('a') as HTMLInputElement).form).to.equal(form);
    expect(form.querySelector('#intro')?.assignedSlot).to.equal(null);
    expect(form.assignedSlot).to.not.equal(null);
  });

  it('moves children added later into the form, before its Submit button', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form></crowd-form>`);
    const input = document.createElement('input');
    input.name = 'late';
    crowdForm.append(input);
    await microtasks();
    expect(input.parentElement).to.equal(crowdForm.form);
    expect(crowdForm.form?.lastElementChild?.hasAttribute('data-quorum-auto')).to.equal(true);
  });

  it('adds a Submit button when the template has none', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form><input name="a" aria-label="a" /></crowd-form>`);
    const buttons = crowdForm.querySelectorAll('crowd-button[form-action="submit"]');
    expect(buttons).to.have.length(1);
    expect(buttons[0]?.textContent).to.equal('Submit');
    expect(buttons[0]?.getAttribute('variant')).to.equal('primary');
  });

  it('adds none when the template has a <crowd-button form-action="submit"> or a native submit button', async () => {
    const withCrowdButton = await mount<CrowdForm>(html`<crowd-form><crowd-button form-action="submit">Send</crowd-button></crowd-form>`);
    expect(withCrowdButton.querySelectorAll('crowd-button')).to.have.length(1);
    const withNative = await mount<CrowdForm>(html`<crowd-form><button type="submit">Send</button></crowd-form>`);
    expect(withNative.querySelectorAll('crowd-button')).to.have.length(0);
  });

  it('removes its Submit button when the template adds one later', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form></crowd-form>`);
    expect(crowdForm.querySelectorAll('crowd-button')).to.have.length(1);
    const own = document.createElement('crowd-button');
    own.setAttribute('form-action', 'submit');
    crowdForm.append(own);
    await microtasks();
    expect(own.parentElement).to.equal(crowdForm.form);
    expect([...crowdForm.querySelectorAll('crowd-button')]).to.deep.equal([own]);
  });

  it('registers controls defined before <crowd-form> itself (any upgrade order)', async () => {
    // A fresh copy of the elements in a fresh document, defined in the "wrong" order.
    const frame = await mount<HTMLIFrameElement>(html`<iframe title="upgrade order"></iframe>`);
    const frameWindow = frame.contentWindow as Window & { elementsDefined?: () => void };
    const frameDocument = frame.contentDocument as Document;
    const defined = new Promise<void>((resolve) => {
      frameWindow.elementsDefined = resolve;
    });
    frameDocument.body.innerHTML = `<crowd-form><crowd-classifier name="q" header="Q" categories="['a', 'b']"></crowd-classifier></crowd-form>`;
    const script = frameDocument.createElement('script');
    script.type = 'module';
    script.textContent = `
      const elements = await import('/packages/elements/src/index.ts');
      for (const C of elements.elementClasses) if (C.tagName !== 'crowd-form') customElements.define(C.tagName, C);
      await customElements.whenDefined('crowd-classifier');
      customElements.define('crowd-form', elements.CrowdForm);
      window.elementsDefined();
    `;
    frameDocument.body.append(script);
    await defined;
    const crowdForm = frameDocument.querySelector('crowd-form') as CrowdForm;
    const classifier = frameDocument.querySelector('crowd-classifier') as CrowdClassifier;
    classifier.value = 'b';
    expect(crowdForm.answer).to.deep.equal({ q: { label: 'b' } });
  });

  it('registers controls that live in another element\'s shadow root', async () => {
    const host = await mount<HTMLElement>(html`<crowd-form><div id="host"></div></crowd-form>`).then((form) => form.querySelector('#host') as HTMLElement);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<crowd-classifier name="inner" header="Inner" categories="['x', 'y']"></crowd-classifier>`;
    const classifier = root.querySelector('crowd-classifier') as CrowdClassifier;
    classifier.value = 'y';
    const crowdForm = host.closest('crowd-form') as CrowdForm;
    expect(crowdForm.answer).to.deep.equal({ inner: { label: 'y' } });
    classifier.value = '';
    classifier.required = true;
    expect(crowdForm.validate()).to.equal(false);
  });

  it('does not break when defined twice', () => {
    expect(() => defineElements()).to.not.throw();
  });
});

describe('<crowd-form> answer', () => {
  it('collects native inputs the way Ground Truth does: text, hidden, textarea, select; empty text left out', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <input name="tag1" value="blue" aria-label="tag1" />
        <input name="tag2" value="red" aria-label="tag2" />
        <input name="empty" value="" aria-label="empty" />
        <input type="hidden" name="annotations" value='{"a":1}' />
        <textarea name="textInput1" aria-label="text">This is the text; the text that
makes the crowd go wild.</textarea>
        <select name="choice" aria-label="choice"><option value="x">x</option><option value="y" selected>y</option></select>
        <select name="many" multiple aria-label="many"><option selected>p</option><option>q</option><option selected>r</option></select>
        <input name="off" value="x" disabled aria-label="off" />
        <input value="no name" aria-label="unnamed" />
        <input type="submit" name="send" value="Send" />
      </crowd-form>
    `);
    expect(crowdForm.answer).to.deep.equal({
      tag1: 'blue',
      tag2: 'red',
      annotations: '{"a":1}',
      textInput1: 'This is the text; the text that\nmakes the crowd go wild.',
      choice: 'y',
      many: ['p', 'r'],
    });
    const [inputReference] = (await gtReference('answer.crowd-input.json')) as [unknown];
    expect({ tag1: crowdForm.answer['tag1'], tag2: crowdForm.answer['tag2'] }).to.deep.equal(inputReference);
  });

  it('gives checkboxes sharing a name one object keyed by value (answer.crowd-checkbox.same-name.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <label><input type="checkbox" name="image_attributes" value="blurry" checked /> Blurry</label>
        <label><input type="checkbox" name="image_attributes" value="dim" checked /> Dim</label>
        <label><input type="checkbox" name="image_attributes" value="exposed" /> Exposed</label>
      </crowd-form>
    `);
    expect([crowdForm.answer]).to.deep.equal(await gtReference('answer.crowd-checkbox.same-name.json'));
  });

  it('gives checkboxes with different names one object each (answer.crowd-checkbox.different-names.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <label><input type="checkbox" name="Stop" value="Red" checked /> Red</label>
        <label><input type="checkbox" name="Slow" value="Yellow" /> Yellow</label>
        <label><input type="checkbox" name="Go" value="Green" /> Green</label>
      </crowd-form>
    `);
    expect([crowdForm.answer]).to.deep.equal(await gtReference('answer.crowd-checkbox.different-names.json'));
  });

  it('gives radios {value: checked} per name (answer.crowd-radio-group.json), and "on" without a value', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <label><input type="radio" name="btn1" value="yes" checked /> Yes</label>
        <label><input type="radio" name="btn2" value="no" /> No</label>
        <label><input type="checkbox" name="theToggler" checked /> Toggle</label>
      </crowd-form>
    `);
    const [radioReference] = (await gtReference('answer.crowd-radio-group.json')) as [Record<string, unknown>];
    const [toggleReference] = (await gtReference('answer.crowd-toggle-button.json')) as [Record<string, unknown>];
    expect(crowdForm.answer).to.deep.equal({ ...radioReference, ...toggleReference });
  });

  it('merges Quorum controls and native inputs in document order', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <input name="first" value="1" aria-label="first" />
        <crowd-classifier name="relevance" header="Q" categories="['1', '2']" value="2"></crowd-classifier>
        <input name="last" value="3" aria-label="last" />
      </crowd-form>
    `);
    expect(JSON.stringify(crowdForm.answer)).to.equal('{"first":"1","relevance":{"label":"2"},"last":"3"}');
  });

  it('submits the fields of a <form> nested in the template, in document order', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <input name="first" value="1" aria-label="first" />
        <form action="">
          <input type="radio" name="quality" value="good" checked aria-label="good" />
          <textarea name="why" aria-label="why">fine</textarea>
        </form>
        <input name="last" value="3" aria-label="last" />
      </crowd-form>
    `);
    expect(JSON.stringify(crowdForm.answer)).to.equal('{"first":"1","quality":{"good":true},"why":"fine","last":"3"}');
  });

  it('warns [quorum:duplicate-name] when two controls share a name, keeping the last', async () => {
    let crowdForm!: CrowdForm;
    const warnings = await captureWarnings(async () => {
      crowdForm = await mount<CrowdForm>(html`<crowd-form><input name="a" value="1" aria-label="1" /><input name="a" value="2" aria-label="2" /></crowd-form>`);
      expect(crowdForm.answer).to.deep.equal({ a: '2' });
    });
    expect(warnings.filter((text) => text.startsWith('[quorum:duplicate-name]'))).to.have.length(1);
  });

  it('says nothing about several controls named "_" (Ground Truth samples throw those values away)', async () => {
    const warnings = await captureWarnings(async () => {
      const crowdForm = await mount<CrowdForm>(html`<crowd-form><input name="_" value="1" aria-label="1" /><input name="_" value="2" aria-label="2" /></crowd-form>`);
      expect(crowdForm.answer).to.deep.equal({ _: '2' });
    });
    expect(warnings.filter((text) => text.startsWith('[quorum:duplicate-name]'))).to.deep.equal([]);
  });

  it('keeps a control named "__proto__" as an ordinary key', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form><input name="__proto__" value="x" aria-label="x" /></crowd-form>`);
    expect(Object.keys(crowdForm.answer)).to.deep.equal(['__proto__']);
    expect(Object.getPrototypeOf(crowdForm.answer)).to.equal(Object.prototype);
  });
});

describe('<crowd-form> submission', () => {
  const template = html`
    <crowd-form>
      <crowd-classifier name="relevance" header="How relevant?" categories="['1', '2', '3', '4', '5']" required></crowd-classifier>
      <input type="hidden" name="extra" value="" />
      <input name="comment" aria-label="Comment" />
    </crowd-form>
  `;
  const mountForm = async (markup = template): Promise<{ crowdForm: CrowdForm; classifier: CrowdClassifier }> => {
    const crowdForm = await mount<CrowdForm>(markup);
    const classifier = crowdForm.querySelector('crowd-classifier') as CrowdClassifier;
    await classifier.updateComplete;
    return { crowdForm, classifier };
  };
  const events = (crowdForm: CrowdForm): { submit: number; crowdSubmit: CrowdSubmitEvent[] } => {
    const seen = { submit: 0, crowdSubmit: [] as CrowdSubmitEvent[] };
    crowdForm.addEventListener('submit', () => seen.submit++);
    crowdForm.addEventListener('crowd-submit', (event) => seen.crowdSubmit.push(event));
    return seen;
  };

  it('validate() is false and shows why while a required control is empty; submitting is blocked', async () => {
    const { crowdForm, classifier } = await mountForm();
    const seen = events(crowdForm);
    expect(crowdForm.validate()).to.equal(false);
    await classifier.updateComplete;
    expect(classifier.matches(':state(user-invalid)')).to.equal(true);
    expect(classifier.shadowRoot?.querySelector('[part="error"]')?.textContent).to.equal('Please choose one of the categories.');
    expect(crowdForm.submit()).to.equal(false);
    (crowdForm.querySelector('crowd-button') as CrowdButton).click();
    expect(seen).to.deep.equal({ submit: 0, crowdSubmit: [] });
    expect(previewOutput()).to.equal(null);
    classifier.value = '3';
    expect(crowdForm.validate()).to.equal(true);
  });

  it('moves focus to the first invalid control when validation fails', async () => {
    const { crowdForm, classifier } = await mountForm();
    crowdForm.validate();
    expect(classifier.shadowRoot?.activeElement?.getAttribute('role')).to.equal('radio');
  });

  it('submit() fires submit then crowd-submit (bubbling, composed, cancelable) with the answer, and previews it', async () => {
    const { crowdForm, classifier } = await mountForm();
    const order: string[] = [];
    crowdForm.addEventListener('submit', (event) => order.push(`submit:${event.cancelable}`));
    document.addEventListener('crowd-submit', (event) => order.push(`crowd-submit:${event.bubbles}:${event.composed}:${event.cancelable}`), { once: true });
    classifier.value = '5';
    expect(crowdForm.submit()).to.equal(true);
    expect(order).to.deep.equal(['submit:true', 'crowd-submit:true:true:true']);
    expect(JSON.parse(previewOutput()?.textContent ?? '')).to.deep.equal({ relevance: { label: '5' } });
  });

  it('submits on Enter in a text field, even with several fields and no native submit button', async () => {
    const { crowdForm, classifier } = await mountForm();
    const seen = events(crowdForm);
    classifier.value = '1';
    const comment = crowdForm.querySelector('input[name="comment"]') as HTMLInputElement;
    comment.focus();
    await sendKeys({ type: 'ok' });
    await sendKeys({ press: 'Enter' });
    expect(seen.crowdSubmit).to.have.length(1);
    expect(seen.crowdSubmit[0]?.detail.answer).to.deep.equal({ relevance: { label: '1' }, comment: 'ok' });
  });

  it('submits from a native submit button of the template through the same path', async () => {
    const { crowdForm, classifier } = await mountForm(html`
      <crowd-form><crowd-classifier name="q" header="Q" categories="['a']"></crowd-classifier><button type="submit">Send</button></crowd-form>
    `);
    const seen = events(crowdForm);
    const page = location.href;
    classifier.value = 'a';
    (crowdForm.querySelector('button') as HTMLButtonElement).click();
    expect(seen.submit).to.equal(1);
    expect(seen.crowdSubmit[0]?.detail.answer).to.deep.equal({ q: { label: 'a' } });
    expect(location.href).to.equal(page);
  });

  it('stops when crowd-submit is canceled: nothing previewed or posted', async () => {
    const { crowdForm, classifier } = await mountForm();
    classifier.value = '2';
    crowdForm.addEventListener('crowd-submit', (event) => event.preventDefault());
    expect(crowdForm.submit()).to.equal(false);
    expect(previewOutput()).to.equal(null);
    expect(window.quorum?.lastAnswer).to.equal(undefined);
  });

  it("stops when the template's onsubmit calls preventDefault (Ground Truth's validation pattern)", async () => {
    const { crowdForm, classifier } = await mountForm();
    const seen = events(crowdForm);
    classifier.value = '2';
    crowdForm.onsubmit = (event) => {
      event.preventDefault();
    };
    (crowdForm.querySelector('crowd-button') as CrowdButton).click();
    expect(seen.submit).to.equal(1);
    expect(seen.crowdSubmit).to.have.length(0);
    expect(previewOutput()).to.equal(null);
  });

  it('stops when onsubmit returns false, or a document listener cancels submit', async () => {
    const { crowdForm, classifier } = await mountForm();
    classifier.value = '2';
    crowdForm.onsubmit = () => false;
    expect(crowdForm.submit()).to.equal(false);
    crowdForm.onsubmit = null;
    const cancel = (event: Event): void => event.preventDefault();
    document.addEventListener('submit', cancel);
    try {
      expect(crowdForm.submit()).to.equal(false);
    } finally {
      document.removeEventListener('submit', cancel);
    }
    expect(crowdForm.submit()).to.equal(true);
  });

  it('builds the answer after onsubmit, so a template can fill hidden inputs there', async () => {
    const { crowdForm, classifier } = await mountForm();
    classifier.value = '4';
    crowdForm.onsubmit = () => {
      (crowdForm.querySelector('input[name="extra"]') as HTMLInputElement).value = 'filled';
    };
    const submitted = oneEvent(crowdForm, 'crowd-submit') as Promise<CrowdSubmitEvent>;
    crowdForm.submit();
    expect((await submitted).detail.answer).to.deep.equal({ relevance: { label: '4' }, extra: 'filled' });
  });

  it('reuses an existing <pre id="quorum-answer">', async () => {
    const page = await mount<HTMLElement>(html`<div><pre id="quorum-answer">old</pre><crowd-form><input name="a" value="1" aria-label="a" /></crowd-form></div>`);
    (page.querySelector('crowd-form') as CrowdForm).submit();
    expect(page.querySelectorAll('pre')).to.have.length(1);
    expect(page.querySelector('pre')?.textContent).to.equal('{\n  "a": "1"\n}');
  });

  it('resets every control with a <crowd-button form-action="reset">', async () => {
    const { crowdForm, classifier } = await mountForm(html`
      <crowd-form>
        <crowd-classifier name="q" header="Q" categories="['a', 'b']"></crowd-classifier>
        <input name="t" aria-label="t" />
        <crowd-button form-action="reset">Start over</crowd-button>
      </crowd-form>
    `);
    classifier.value = 'b';
    (crowdForm.querySelector('input') as HTMLInputElement).value = 'typed';
    expect(crowdForm.answer).to.deep.equal({ q: { label: 'b' }, t: 'typed' });
    (crowdForm.querySelector('crowd-button[form-action="reset"]') as CrowdButton).click();
    expect(crowdForm.answer).to.deep.equal({});
  });
});

describe('<crowd-form> posting', () => {
  const mountPosting = async (attributes: string): Promise<{ crowdForm: CrowdForm; sink: HTMLIFrameElement }> => {
    const page = await mount<HTMLElement>(html`<div></div>`);
    page.innerHTML = `
      <iframe name="post-sink" title="post sink"></iframe>
      <crowd-form ${attributes} target="post-sink">
        <crowd-classifier name="relevance" header="Q" categories="['1', '2', '3', '4', '5']" value="4"></crowd-classifier>
      </crowd-form>`;
    const crowdForm = page.querySelector('crowd-form') as CrowdForm;
    await crowdForm.updateComplete;
    return { crowdForm, sink: page.querySelector('iframe') as HTMLIFrameElement };
  };

  it('POSTs taskAnswers = JSON.stringify([answer]) as a native form submission to action', async () => {
    const { crowdForm, sink } = await mountPosting('action="/quorum-post-test"');
    const posted = nextPostedFormData();
    const loaded = oneEvent(sink, 'load');
    expect(crowdForm.submit()).to.equal(true);
    const { form, data } = await posted;
    expect(form.method).to.equal('post');
    expect(new URL(form.action).pathname).to.equal('/quorum-post-test');
    expect([...data.keys()]).to.deep.equal(['taskAnswers']);
    expect(data.get('taskAnswers')).to.equal('[{"relevance":{"label":"4"}}]');
    await loaded;
    expect(sink.contentWindow?.location.pathname).to.equal('/quorum-post-test');
    expect(previewOutput()).to.equal(null);
    expect(form.isConnected).to.equal(false);
  });

  it("adds MTurk's assignmentId from the page URL", async () => {
    await withQuery('assignmentId=3ABC&hitId=H1', async () => {
      const { crowdForm } = await mountPosting('action="/quorum-post-test"');
      const posted = nextPostedFormData();
      crowdForm.submit();
      const { data } = await posted;
      expect(data.get('assignmentId')).to.equal('3ABC');
      expect(data.get('taskAnswers')).to.equal('[{"relevance":{"label":"4"}}]');
    });
  });

  it('posts to <turkSubmitTo>/mturk/externalSubmit on MTurk when there is no action', async () => {
    await withQuery('assignmentId=3ABC&turkSubmitTo=https%3A%2F%2Fworkersandbox.mturk.com', async () => {
      const { crowdForm } = await mountPosting('');
      const posted = nextPostedFormData();
      crowdForm.submit();
      const { form } = await posted;
      expect(form.action).to.equal('https://workersandbox.mturk.com/mturk/externalSubmit');
    });
  });

  it('ignores a turkSubmitTo outside MTurk, warning [quorum:untrusted-submit-url], and previews instead', async () => {
    await withQuery('assignmentId=3ABC&turkSubmitTo=https%3A%2F%2Fevil.example', async () => {
      const { crowdForm } = await mountPosting('');
      const warnings = await captureWarnings(() => {
        expect(crowdForm.submit()).to.equal(true);
      });
      expect(warnings.some((text) => text.startsWith('[quorum:untrusted-submit-url]'))).to.equal(true);
      expect(previewOutput()).to.not.equal(null);
    });
  });

  it('only previews while MTurk shows the HIT as a preview (ASSIGNMENT_ID_NOT_AVAILABLE)', async () => {
    await withQuery('assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE', async () => {
      const { crowdForm } = await mountPosting('action="/quorum-post-test"');
      let posts = 0;
      const count = (): number => posts++;
      document.addEventListener('formdata', count);
      try {
        crowdForm.submit();
      } finally {
        document.removeEventListener('formdata', count);
      }
      expect(posts).to.equal(0);
      expect(JSON.parse(previewOutput()?.textContent ?? '')).to.deep.equal({ relevance: { label: '4' } });
    });
  });
});
