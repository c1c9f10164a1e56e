import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { CrowdTab } from '../crowd-tab/crowd-tab.js';
import { expectMirroredLayout, mountInDirection } from '../internal/rtl.test.js';
import { mount, recordEvents } from '../internal/testing.test.js';
import { CrowdTabs } from './crowd-tabs.js';

for (const element of [CrowdForm, CrowdButton, CrowdTabs, CrowdTab]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const tabButtons = (tabs: CrowdTabs): HTMLElement[] => [...(tabs.shadowRoot?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])];
const shown = (tabs: CrowdTabs): boolean[] => tabs.tabs.map((tab) => !tab.hidden);

describe('<crowd-tabs> and <crowd-tab>', () => {
  it('draws one tab per <crowd-tab header>, showing the first page', async () => {
    const tabs = await mount<CrowdTabs>(html`<crowd-tabs>
      <crowd-tab header="Tab 1"><h2>Image</h2></crowd-tab>
      <crowd-tab header="Tab 2"><h2>Description</h2></crowd-tab>
      <crowd-tab header="Tab 3"><p>Text</p></crowd-tab>
    </crowd-tabs>`);
    expect(tabButtons(tabs).map((tab) => tab.textContent?.trim())).to.deep.equal(['Tab 1', 'Tab 2', 'Tab 3']);
    expect(shown(tabs)).to.deep.equal([true, false, false]);
    expect(tabs.tabs[0]?.getAttribute('role')).to.equal('tabpanel');
    expect(tabs.tabs[0]?.getAttribute('aria-label')).to.equal('Tab 1');
    await expect(tabs).to.be.accessible();
  });

  it('switches pages by click and by arrows, Home and End, firing change', async () => {
    const tabs = await mount<CrowdTabs>(html`<crowd-tabs><crowd-tab header="A">a</crowd-tab><crowd-tab header="B">b</crowd-tab><crowd-tab header="C">c</crowd-tab></crowd-tabs>`);
    const events = recordEvents(tabs);
    tabButtons(tabs)[1]?.click();
    await tabs.updateComplete;
    expect(shown(tabs)).to.deep.equal([false, true, false]);
    tabButtons(tabs)[1]?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await tabs.updateComplete;
    expect(shown(tabs)).to.deep.equal([false, false, true]);
    await sendKeys({ press: 'ArrowRight' });
    await tabs.updateComplete;
    expect(tabs.selected).to.equal(0);
    await sendKeys({ press: 'End' });
    await tabs.updateComplete;
    expect(tabs.shadowRoot?.activeElement).to.equal(tabButtons(tabs)[2]);
    expect(events.change).to.equal(4);
  });

  it('follows tabs added later and header changes', async () => {
    const tabs = await mount<CrowdTabs>(html`<crowd-tabs><crowd-tab header="A">a</crowd-tab></crowd-tabs>`);
    const extra = document.createElement('crowd-tab') as CrowdTab;
    extra.header = 'B';
    tabs.append(extra);
    await extra.updateComplete;
    await tabs.updateComplete;
    expect(tabButtons(tabs).map((tab) => tab.textContent?.trim())).to.deep.equal(['A', 'B']);
    expect(extra.hidden).to.equal(true);
    extra.header = 'Bee';
    await extra.updateComplete;
    await tabs.updateComplete;
    expect(tabButtons(tabs)[1]?.textContent?.trim()).to.equal('Bee');
  });

  it('submits inputs on hidden pages, and shows the page of an invalid one', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form>
      <crowd-tabs>
        <crowd-tab header="Tab 1"><p>Read</p></crowd-tab>
        <crowd-tab header="Tab 3"><input name="inputInsideTab" aria-label="Inside" required /><input type="checkbox" name="checkbox" value="foo" aria-label="Foo" checked /></crowd-tab>
      </crowd-tabs>
      <input name="inputOutsideTab" aria-label="Outside" value="out" />
    </crowd-form>`);
    const tabs = form.querySelector('crowd-tabs') as CrowdTabs;
    expect(form.validate()).to.equal(false);
    await tabs.updateComplete;
    expect(shown(tabs)).to.deep.equal([false, true]);
    (form.querySelector('input[name="inputInsideTab"]') as HTMLInputElement).value = 'in';
    tabButtons(tabs)[0]?.click();
    await tabs.updateComplete;
    expect(form.answer).to.deep.equal({ inputInsideTab: 'in', checkbox: { foo: true }, inputOutsideTab: 'out' });
  });
});

describe('<crowd-tabs> right-to-left', () => {
  it('mirrors its layout, and Left goes to the next tab', async () => {
    const template = (): ReturnType<typeof html> => html`<crowd-tabs><crowd-tab header="A">a</crowd-tab><crowd-tab header="B">b</crowd-tab><crowd-tab header="C">c</crowd-tab></crowd-tabs>`;
    await expectMirroredLayout(template);
    const tabs = await mountInDirection<CrowdTabs>(template(), 'rtl');
    tabButtons(tabs)[0]?.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await tabs.updateComplete;
    expect(tabs.selected).to.equal(1);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await tabs.updateComplete;
    expect(tabs.selected, 'ArrowRight from the first tab wraps to the last').to.equal(2);
    await expect(tabs).to.be.accessible();
  });
});
