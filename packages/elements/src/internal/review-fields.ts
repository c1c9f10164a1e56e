import { html, nothing, type TemplateResult } from 'lit';
import { textDirection } from './text-field.js';

/**
 * The pieces every LLM-review control (`<crowd-rating>`, `<crowd-pairwise>`, `<crowd-rubric>`,
 * `<crowd-chat-transcript>`, `<crowd-ranking>`, `<crowd-text-ranking>`,
 * `<crowd-question-answer-generation>`) renders the same way, so their parts, ids and
 * right-to-left behaviour cannot drift apart. Styled by `reviewStyles`.
 */

/**
 * The question (part `header`, id `header` for `aria-labelledby`), hidden while empty, and the
 * default slot for the template's own content. The question is the task's text, so its direction
 * follows its own words (`dir="auto"`).
 */
export function renderReviewHeader(header: string): TemplateResult {
  return html`<h2 part="header" class="header" id="header" dir="auto" ?hidden=${!header}>${header}</h2>
    <slot></slot>`;
}

/** The validation message (part `error`, id `error` for `aria-describedby`), hidden while valid. */
export function renderReviewError(error: string): TemplateResult {
  return html`<p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>`;
}

/** A polite live region (hidden from sight) that tells screen reader users what a keyboard action did. */
export function renderReviewAnnouncement(announcement: string): TemplateResult {
  return html`<p class="live" aria-live="polite">${announcement}</p>`;
}

/** A multi-line text field of a review control: a comment, a rationale, a corrected reply. */
export interface ReviewTextField {
  /** The visible label (the field's accessible name). */
  label: TemplateResult | string;
  /** `part` of the text area. */
  part: string;
  value: string;
  disabled: boolean;
  required?: boolean;
  /** Whether the field is what makes the control invalid. */
  invalid?: boolean;
  /** Id of the message explaining the problem, set while it applies. */
  describedBy?: string;
  /** Hides the whole field (label and text area) while it does not apply. */
  hidden?: boolean;
  id?: string;
  className?: string;
  rows?: number;
  /** The worker typed: the new text. */
  onInput(value: string): void;
  /** The worker left the field changed (native `change` does not leave the shadow root). */
  onChange(): void;
}

/**
 * Renders a {@link ReviewTextField}: a `label.field` wrapping its text and a `<textarea>` whose
 * direction follows what the worker writes (see {@link textDirection}).
 */
export function renderReviewTextField(field: ReviewTextField): TemplateResult {
  return html`<label class="field" ?hidden=${field.hidden === true}>
    <span>${field.label}</span>
    <textarea
      id=${field.id ?? nothing}
      part=${field.part}
      class=${field.className ?? nothing}
      rows=${field.rows ?? nothing}
      dir=${textDirection(field.value)}
      .value=${field.value}
      ?disabled=${field.disabled}
      ?required=${field.required === true}
      aria-invalid=${field.invalid ? 'true' : 'false'}
      aria-describedby=${field.describedBy ?? nothing}
      @input=${(event: Event) => field.onInput((event.target as HTMLTextAreaElement).value)}
      @change=${() => field.onChange()}
    ></textarea>
  </label>`;
}
