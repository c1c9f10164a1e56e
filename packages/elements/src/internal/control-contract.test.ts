/**
 * The contract every Quorum control keeps, written once and run against each control from its
 * own test file: `runControlContract({ … })`. It checks what a template author and the form rely
 * on: name, value shape, required, reset, disabled (own and fieldset), keyboard operation,
 * events only on user action, registration with `<crowd-form>`, right-to-left layout and arrow
 * keys, and axe.
 *
 * This file exports the factory and has no tests of its own.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { JsonValue } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import type { QuorumControl } from './control.js';
import { pressWith } from './interaction.test.js';
import { expectMirroredLayout, mountInDirection } from './rtl.test.js';
import { captureWarnings, hasFocusWithin, mount, recordEvents } from './testing.test.js';

/** Attributes the contract varies; an element's test renders them onto its tag. */
export interface ContractAttributes {
  name?: string;
  required?: boolean;
  disabled?: boolean;
}

export interface ControlContract<T extends QuorumControl> {
  /** The control's tag, e.g. `crowd-classifier`. */
  tag: string;
  /** A control with the given attributes and everything else it needs (categories, labels …). */
  template(attributes: ContractAttributes): TemplateResult;
  /** Gives the control a value as a user would, with the keyboard, once focus is inside it. */
  answerWithKeyboard(control: T): Promise<void>;
  /** Gives the control the same value with the pointer (a real click, e.g. with `sendMouse`). */
  answerWithPointer(control: T): Promise<void>;
  /** Gives the control the same value from code, which must not fire events. */
  setValueFromCode(control: T): void;
  /** The control's answer value after either of the above, e.g. `{ label: '4' }`. */
  expectedAnswer: JsonValue;
  /** Its `FormData` value after either of the above. */
  expectedFormValue: string;
  /**
   * Its `value` property after either of the above, compared deeply; by default
   * {@link expectedFormValue} (for controls whose `value` is not a string, e.g. a slider's number).
   */
  expectedValue?: unknown;
  /**
   * Its answer value before it is answered, or undefined (the default) when it then gives no entry.
   * Checkboxes, radio buttons and toggles answer `{ "<value>": false }` while unchecked.
   */
  emptyAnswer?: JsonValue;
  /**
   * Whether Left and Right move between choices (a row of options, a slider's steps). The
   * contract then checks that they follow the visual direction: in a right-to-left page Left
   * goes where Right goes in a left-to-right one. Controls where Left and Right move a text caret
   * leave it unset.
   */
  horizontalArrows?: boolean;
}

export function runControlContract<T extends QuorumControl>(contract: ControlContract<T>): void {
  const { tag } = contract;
  const inForm = async (attributes: ContractAttributes): Promise<{ form: HTMLFormElement; control: T }> => {
    const form = await mount<HTMLFormElement>(html`<form>${contract.template(attributes)}</form>`);
    const control = form.querySelector(tag) as T;
    await control.updateComplete;
    return { form, control };
  };
  const emptyEntries = contract.emptyAnswer === undefined ? [] : [['q', contract.emptyAnswer]];
  const answer = async (control: T): Promise<void> => {
    control.focus();
    await contract.answerWithKeyboard(control);
    await control.updateComplete;
  };

  describe(`<${tag}> control contract`, () => {
    it('is form-associated: FormData holds its value under its name once answered', async () => {
      const { form, control } = await inForm({ name: 'q' });
      expect(control.form).to.equal(form);
      expect(new FormData(form).has('q')).to.equal(false);
      await answer(control);
      expect(new FormData(form).get('q')).to.equal(contract.expectedFormValue);
    });

    it('gives its answer as [[name, value]], and nothing before it is answered', async () => {
      const { control } = await inForm({ name: 'q' });
      expect(control.answerEntries()).to.deep.equal(emptyEntries);
      await answer(control);
      expect(control.answerEntries()).to.deep.equal([['q', contract.expectedAnswer]]);
    });

    it('gives the same answer when the value is set from code', async () => {
      const { form, control } = await inForm({ name: 'q' });
      contract.setValueFromCode(control);
      expect(control.answerEntries()).to.deep.equal([['q', contract.expectedAnswer]]);
      expect(new FormData(form).get('q')).to.equal(contract.expectedFormValue);
    });

    it('without a name gives no answer and warns [quorum:missing-name] once', async () => {
      let control!: T;
      const warnings = await captureWarnings(async () => {
        ({ control } = await inForm({}));
        control.requestUpdate();
        await control.updateComplete;
      });
      expect(warnings.filter((warning) => warning.startsWith('[quorum:missing-name]'))).to.have.length(1);
      expect(warnings.find((warning) => warning.startsWith('[quorum:missing-name]'))).to.contain(`<${tag}>`).and.contain('https://');
      contract.setValueFromCode(control);
      expect(control.answerEntries()).to.deep.equal([]);
    });

    it('when required, is invalid (valueMissing, with a message) until answered', async () => {
      const { form, control } = await inForm({ name: 'q', required: true });
      expect(control.checkValidity()).to.equal(false);
      expect(control.validity.valueMissing).to.equal(true);
      expect(control.validationMessage).to.be.a('string').and.not.equal('');
      expect(form.checkValidity()).to.equal(false);
      await answer(control);
      expect(control.checkValidity()).to.equal(true);
      expect(form.checkValidity()).to.equal(true);
    });

    it('when not required, is valid while empty', async () => {
      const { control } = await inForm({ name: 'q' });
      expect(control.checkValidity()).to.equal(true);
      expect(control.matches(':state(empty)')).to.equal(true);
    });

    it('shows :state(user-invalid) only after a validity report, and shows the message', async () => {
      const { control } = await inForm({ name: 'q', required: true });
      expect(control.matches(':state(invalid)')).to.equal(true);
      expect(control.matches(':state(user-invalid)')).to.equal(false);
      control.reportValidity();
      await control.updateComplete;
      expect(control.matches(':state(user-invalid)')).to.equal(true);
      expect(control.shadowRoot?.textContent).to.contain(control.validationMessage);
      await answer(control);
      expect(control.matches(':state(user-invalid)')).to.equal(false);
    });

    it('resets to empty with its form, without events', async () => {
      const { form, control } = await inForm({ name: 'q', required: true });
      await answer(control);
      control.reportValidity();
      const events = recordEvents(control);
      form.reset();
      await control.updateComplete;
      expect(control.answerEntries()).to.deep.equal(emptyEntries);
      expect(new FormData(form).has('q')).to.equal(false);
      expect(control.matches(':state(user-invalid)')).to.equal(false);
      expect(events.input + events.change).to.equal(0);
    });

    it('when disabled, is skipped by Tab, ignores the pointer, gives no answer, is not validated nor in FormData', async () => {
      const form = await mount<HTMLFormElement>(
        html`<form><button type="button">before</button>${contract.template({ name: 'q', required: true, disabled: true })}<button type="button">after</button></form>`,
      );
      const control = form.querySelector(tag) as T;
      await control.updateComplete;
      const events = recordEvents(control);
      form.querySelector('button')?.focus();
      await sendKeys({ press: 'Tab' });
      expect(hasFocusWithin(control)).to.equal(false);
      expect(document.activeElement?.textContent).to.equal('after');
      await contract.answerWithPointer(control);
      expect(events.input + events.change).to.equal(0);
      expect(control.answerEntries()).to.deep.equal([]);
      expect(control.willValidate).to.equal(false);
      expect(form.checkValidity()).to.equal(true);
      contract.setValueFromCode(control);
      expect(control.answerEntries()).to.deep.equal([]);
      expect(new FormData(form).has('q')).to.equal(false);
      expect(control.matches(':disabled')).to.equal(true);
    });

    it('is disabled by a disabled fieldset', async () => {
      const form = await mount<HTMLFormElement>(html`<form><fieldset disabled>${contract.template({ name: 'q' })}</fieldset></form>`);
      const control = form.querySelector(tag) as T;
      await control.updateComplete;
      const events = recordEvents(control);
      await contract.answerWithPointer(control);
      expect(events.input + events.change).to.equal(0);
      expect(control.answerEntries()).to.deep.equal([]);
      expect(control.matches(':disabled')).to.equal(true);
    });

    it('is answered with the pointer, firing input and change once', async () => {
      const { control } = await inForm({ name: 'q' });
      const events = recordEvents(control);
      await contract.answerWithPointer(control);
      await control.updateComplete;
      expect(control.answerEntries()).to.deep.equal([['q', contract.expectedAnswer]]);
      expect(events).to.include({ input: 1, change: 1 });
    });

    it('is reached with Tab and operated with the keyboard', async () => {
      const form = await mount<HTMLFormElement>(html`<form><button type="button">before</button>${contract.template({ name: 'q' })}</form>`);
      const control = form.querySelector(tag) as T;
      await control.updateComplete;
      form.querySelector('button')?.focus();
      await sendKeys({ press: 'Tab' });
      expect(hasFocusWithin(control)).to.equal(true);
      await contract.answerWithKeyboard(control);
      expect(control.answerEntries()).to.deep.equal([['q', contract.expectedAnswer]]);
    });

    it('fires input and change on user action only, never when set from code', async () => {
      const { control } = await inForm({ name: 'q' });
      const events = recordEvents(control);
      contract.setValueFromCode(control);
      await control.updateComplete;
      expect(events).to.include({ input: 0, change: 0 });
      control.formResetCallback();
      await answer(control);
      expect(events.input).to.equal(1);
      expect(events.change).to.equal(1);
      const change = events.lastChange as Event;
      expect(change.target).to.equal(control);
      expect(change.bubbles).to.equal(true);
      expect((change.target as unknown as { value: unknown }).value).to.deep.equal('expectedValue' in contract ? contract.expectedValue : contract.expectedFormValue);
    });

    it('gives its state to undo and drafts and takes it back, without events (captureState / restoreState)', async () => {
      const { control } = await inForm({ name: 'q' });
      const empty = control.captureState();
      expect(empty).to.equal(null);
      await answer(control);
      const answered = control.captureState();
      expect(answered).to.be.a('string');
      const events = recordEvents(control);
      control.restoreState(empty);
      await control.updateComplete;
      expect(control.answerEntries()).to.deep.equal(emptyEntries);
      expect(control.matches(':state(empty)')).to.equal(true);
      control.restoreState(answered);
      await control.updateComplete;
      expect(control.answerEntries()).to.deep.equal([['q', contract.expectedAnswer]]);
      expect(events.input + events.change).to.equal(0);
    });

    it('is undone with Ctrl+Z and redone with Ctrl+Shift+Z inside <crowd-form>', async () => {
      const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>${contract.template({ name: 'q' })}</crowd-form>`);
      const control = crowdForm.querySelector(tag) as T;
      await control.updateComplete;
      await answer(control);
      expect(crowdForm.answer).to.deep.equal({ q: contract.expectedAnswer });
      const events = recordEvents(control);
      await pressWith(['Control'], 'KeyZ');
      await control.updateComplete;
      expect(crowdForm.answer).to.deep.equal(contract.emptyAnswer === undefined ? {} : { q: contract.emptyAnswer });
      expect(events).to.include({ input: 1, change: 1 });
      await pressWith(['Control', 'Shift'], 'KeyZ');
      await control.updateComplete;
      expect(crowdForm.answer).to.deep.equal({ q: contract.expectedAnswer });
    });

    it('registers with <crowd-form> and leaves it when removed', async () => {
      const crowdForm = await mount<CrowdForm>(html`<crowd-form>${contract.template({ name: 'q' })}</crowd-form>`);
      const control = crowdForm.querySelector(tag) as T;
      await control.updateComplete;
      contract.setValueFromCode(control);
      expect(crowdForm.answer).to.deep.equal({ q: contract.expectedAnswer });
      control.remove();
      expect(crowdForm.answer).to.deep.equal({});
    });

    it('mirrors its layout in a right-to-left page, empty and answered', async () => {
      await expectMirroredLayout<T>(() => contract.template({ name: 'q', required: true }), (control) => {
        control.reportValidity();
      });
      await expectMirroredLayout<T>(() => contract.template({ name: 'q' }), (control) => contract.setValueFromCode(control));
    });

    if (contract.horizontalArrows) {
      it('moves with Left and Right in the visual direction: Left is next in a right-to-left page', async () => {
        const stateAfter = async (dir: 'ltr' | 'rtl', key: 'ArrowLeft' | 'ArrowRight'): Promise<string | null> => {
          const control = await mountInDirection<T>(contract.template({ name: 'q' }), dir);
          control.focus();
          await sendKeys({ press: key });
          // Space picks the focused choice where arrows only move focus (a multi-select).
          await sendKeys({ press: 'Space' });
          await control.updateComplete;
          return control.captureState();
        };
        const forward = await stateAfter('ltr', 'ArrowRight');
        const backward = await stateAfter('ltr', 'ArrowLeft');
        expect(forward, 'state after ArrowRight in a left-to-right page').to.not.equal(null);
        expect(backward, 'ArrowLeft and ArrowRight must lead to different states').to.not.equal(forward);
        expect(await stateAfter('rtl', 'ArrowLeft'), 'ArrowLeft in a right-to-left page').to.equal(forward);
        expect(await stateAfter('rtl', 'ArrowRight'), 'ArrowRight in a right-to-left page').to.equal(backward);
      });
    }

    it('has no axe violations: empty, answered, invalid and disabled', async () => {
      const { control } = await inForm({ name: 'q', required: true });
      await expect(control).to.be.accessible();
      control.reportValidity();
      await control.updateComplete;
      await expect(control).to.be.accessible();
      await answer(control);
      await expect(control).to.be.accessible();
      control.disabled = true;
      await control.updateComplete;
      await expect(control).to.be.accessible();
    });
  });
}
