import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdAlert } from './crowd-alert.js';

if (!customElements.get(CrowdAlert.tagName)) customElements.define(CrowdAlert.tagName, CrowdAlert);

const base = (alert: CrowdAlert): HTMLElement => alert.shadowRoot?.querySelector('[part="base"]') as HTMLElement;

describe('<crowd-alert>', () => {
  it('announces errors and warnings at once and info and success politely', async () => {
    const roles: Record<string, string | null> = {};
    for (const type of ['info', 'success', 'error', 'warning']) {
      const alert = await mount<CrowdAlert>(html`<crowd-alert type=${type}>Check the image.</crowd-alert>`);
      roles[type] = base(alert).getAttribute('role');
      await expect(alert).to.be.accessible();
    }
    expect(roles).to.deep.equal({ info: 'status', success: 'status', error: 'alert', warning: 'alert' });
  });

  it('defaults to info and shows its content', async () => {
    const alert = await mount<CrowdAlert>(html`<crowd-alert>Saved.</crowd-alert>`);
    expect(alert.type).to.equal('info');
    expect(alert.textContent).to.equal('Saved.');
    expect(alert.shadowRoot?.querySelector('[part="dismiss"]')).to.equal(null);
  });

  it('is closed by the worker when dismissible, with the keyboard too, firing dismiss', async () => {
    const alert = await mount<CrowdAlert>(html`<crowd-alert dismissible type="warning">Low light.</crowd-alert>`);
    let dismissed = 0;
    alert.addEventListener('dismiss', () => dismissed++);
    const button = alert.shadowRoot?.querySelector('[part="dismiss"]') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('Dismiss');
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(dismissed).to.equal(1);
    expect(alert.hidden).to.equal(true);
    expect(alert.getBoundingClientRect().height).to.equal(0);
  });

  it('stays open when the dismiss event is canceled', async () => {
    const alert = await mount<CrowdAlert>(html`<crowd-alert dismissible>Keep me.</crowd-alert>`);
    alert.addEventListener('dismiss', (event) => event.preventDefault());
    alert.dismiss();
    expect(alert.hidden).to.equal(false);
  });
});

describe('<crowd-alert> right-to-left', () => {
  it('mirrors its layout, dismiss button included', async () => {
    await expectMirroredLayout(() => html`<crowd-alert dismissible type="warning">Low light.</crowd-alert>`);
  });
});
