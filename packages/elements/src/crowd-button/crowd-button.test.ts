import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { defineElements } from '../define.js';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { captureWarnings, mount } from '../internal/testing.test.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import type { CrowdButton } from './crowd-button.js';

defineElements();

const base = (button: CrowdButton): HTMLElement => button.shadowRoot?.querySelector('[part="base"]') as HTMLElement;

describe('<crowd-button>', () => {
  it('renders a native button named by its text', async () => {
    const button = await mount<CrowdButton>(html`<crowd-button>Save</crowd-button>`);
    const native = base(button);
    expect(native.localName).to.equal('button');
    expect(native.getAttribute('type')).to.equal('button');
    expect(button.textContent).to.equal('Save');
    await expect(button).to.be.accessible();
  });

  it('submits its <crowd-form> with form-action="submit", from a click or from Enter and Space', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form><input name="a" value="1" aria-label="a" /><crowd-button form-action="submit">Send</crowd-button></crowd-form>`);
    const answers: unknown[] = [];
    crowdForm.addEventListener('crowd-submit', (event) => {
      event.preventDefault();
      answers.push(event.detail.answer);
    });
    const button = crowdForm.querySelector('crowd-button') as CrowdButton;
    button.click();
    button.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(answers).to.deep.equal([{ a: '1' }, { a: '1' }, { a: '1' }]);
  });

  it('submits and resets a plain native form when there is no <crowd-form>', async () => {
    const form = await mount<HTMLFormElement>(html`
      <form><input name="a" aria-label="a" /><crowd-button form-action="reset">Clear</crowd-button><crowd-button form-action="submit">Send</crowd-button></form>
    `);
    const input = form.querySelector('input') as HTMLInputElement;
    input.value = 'typed';
    (form.querySelector('crowd-button[form-action="reset"]') as CrowdButton).click();
    expect(input.value).to.equal('');
    form.addEventListener('submit', (event) => event.preventDefault());
    const submitted = oneEvent(form, 'submit');
    (form.querySelector('crowd-button[form-action="submit"]') as CrowdButton).click();
    await submitted;
  });

  it('ignores clicks while disabled, also from a disabled fieldset', async () => {
    const crowdForm = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-button form-action="submit" disabled>Send</crowd-button>
        <fieldset disabled><legend>Locked</legend><crowd-button form-action="submit">Send too</crowd-button></fieldset>
      </crowd-form>
    `);
    let submits = 0;
    crowdForm.addEventListener('crowd-submit', () => submits++);
    for (const button of crowdForm.querySelectorAll<CrowdButton>('crowd-button')) {
      await button.updateComplete;
      button.click();
      base(button).click();
      expect((base(button) as HTMLButtonElement).disabled).to.equal(true);
    }
    expect(submits).to.equal(0);
    await expect(crowdForm).to.be.accessible();
  });

  it("submits once a script re-enables it with button.disabled = false, as AWS's content-evaluation sample does", async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-button form-action="submit" disabled="true">Submit</crowd-button></crowd-form>`);
    const button = form.querySelector('crowd-button') as CrowdButton;
    let submitted = 0;
    form.addEventListener('crowd-submit', (event) => {
      submitted++;
      event.preventDefault();
    });
    button.disabled = false;
    // The platform tells the element it is enabled while Lit reflects the attribute; the render follows.
    await new Promise((resolve) => setTimeout(resolve));
    expect((base(button) as HTMLButtonElement).disabled).to.equal(false);
    base(button).click();
    expect(submitted).to.equal(1);
  });

  it('shows loading as busy, ignores clicks and keeps template onclick handlers from running', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form><crowd-button form-action="submit" loading disabled>Send</crowd-button></crowd-form>`);
    const button = crowdForm.querySelector('crowd-button') as CrowdButton;
    await button.updateComplete;
    let clicks = 0;
    let submits = 0;
    button.onclick = () => clicks++;
    crowdForm.addEventListener('crowd-submit', () => submits++);
    base(button).click();
    expect([clicks, submits]).to.deep.equal([0, 0]);
    expect(base(button).getAttribute('aria-busy')).to.equal('true');
    expect(base(button).getAttribute('aria-disabled')).to.equal('true');
    expect(button.shadowRoot?.querySelector('[part="spinner"]')).to.not.equal(null);
    await expect(button).to.be.accessible();
  });

  it('is a link styled as a button with href and target', async () => {
    const button = await mount<CrowdButton>(html`<crowd-button href="https://example.com/guide" target="_blank" variant="link">Guide</crowd-button>`);
    const link = base(button) as HTMLAnchorElement;
    expect(link.localName).to.equal('a');
    expect(link.href).to.equal('https://example.com/guide');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener');
    await expect(button).to.be.accessible();
  });

  it('shows icon-url on the side given by icon-align, and keeps the text as the name of an icon button', async () => {
    const button = await mount<CrowdButton>(html`<crowd-button icon-url="data:image/gif;base64,R0lGODlhAQABAAAAACw=" icon-align="right" variant="icon">Help</crowd-button>`);
    const parts = [...base(button).children].map((child) => child.getAttribute('part'));
    expect(parts).to.deep.equal(['label', 'icon']);
    const label = button.shadowRoot?.querySelector('[part="label"]') as HTMLElement;
    expect(label.getBoundingClientRect().width).to.be.at.most(1);
    await expect(button).to.be.accessible();
  });

  it('warns about iron-icon names it cannot show and unknown form actions', async () => {
    const warnings = await captureWarnings(async () => {
      await mount(html`<crowd-button icon="search" form-action="send">Find</crowd-button>`);
    });
    expect(warnings.map((text) => text.slice(0, text.indexOf(']') + 1))).to.deep.equal(['[quorum:unsupported-icon]', '[quorum:unknown-form-action]']);
  });

  it('has no axe violations in every variant', async () => {
    const page = await mount<HTMLElement>(html`
      <div>
        <crowd-button variant="primary">Primary</crowd-button>
        <crowd-button variant="normal">Normal</crowd-button>
        <crowd-button variant="link">Link</crowd-button>
        <crowd-button variant="icon">Icon</crowd-button>
        <crowd-button disabled>Disabled</crowd-button>
      </div>
    `);
    await expect(page).to.be.accessible();
  });
});

describe('<crowd-button> right-to-left', () => {
  it('mirrors its layout, icon and spinner included', async () => {
    await expectMirroredLayout(() => html`<crowd-button icon="report-problem">Report</crowd-button>`);
    await expectMirroredLayout(() => html`<crowd-button loading>Sending</crowd-button>`);
  });
});
