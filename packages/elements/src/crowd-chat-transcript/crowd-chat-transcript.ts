import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChatTranscriptFlag, CrowdChatTranscriptAnswer, JsonValue } from '@quorum/schema';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { DIGIT_KEYS, isPlainKey, parseObjectState, renderChoiceGroup } from '../internal/choice-group.js';
import { parseLiteral, parseStringArray } from '../internal/literal.js';
import { renderRichText } from '../internal/rich-text.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdChatTranscriptStyles } from './crowd-chat-transcript.styles.js';
import { renderReviewError, renderReviewHeader, renderReviewTextField } from '../internal/review-fields.js';

/** One turn of a conversation. */
export interface ChatTurn {
  /** `user`, `assistant`, `system`, `tool` … (shown capitalized). */
  role: string;
  content: string;
}

interface Flag {
  reason: string;
  comment: string;
}

const DEFAULT_REASONS = ['Inaccurate', 'Unhelpful', 'Unsafe', 'Off-topic', 'Other'];

/**
 * @summary Shows a multi-turn conversation (for example one escalated from a chatbot) for review:
 * the reviewer flags individual turns with a reason and a comment, and writes the reply the
 * assistant should have given. Not a Ground Truth element: the answer shape is Quorum's,
 * `{ "<name>": { "flags": [{ "turn": 3, "role": "assistant", "reason": "Inaccurate", "comment": "…" }], "correctedReply": "…" } }`
 * (`comment` and `correctedReply` only when written), described by
 * `crowd-chat-transcript.answer.schema.json` in @quorum/schema.
 *
 * Turn text is untrusted: it is shown as text, with only Markdown-style paragraphs, lists, code
 * and emphasis formatted (never parsed as HTML). `turns` takes a JavaScript or JSON array of
 * `{ role, content }` (`text` is read as `content`), e.g. from Liquid `{{ task.input.turns | to_json }}`.
 *
 * Keyboard: each turn's reasons are a radio group (Tab to reach it, arrows or digits to choose a
 * reason, which flags the turn); "Clear flag" unflags. `required` means the reviewer must flag a
 * turn or write a corrected reply.
 *
 * `value` is the answer as JSON text ('' while nothing is flagged or written); it is also the `FormData` value.
 *
 * @tagname crowd-chat-transcript
 *
 * @slot - Context shown above the conversation.
 *
 * @csspart header - The question (`header` attribute).
 * @csspart transcript - The list of turns.
 * @csspart turn - One turn; `turn-flagged` when flagged.
 * @csspart role - A turn's role label.
 * @csspart text - A turn's text.
 * @csspart reasons - A turn's reasons (a radio group).
 * @csspart option - One reason; `option-checked` when chosen.
 * @csspart comment - A flagged turn's comment box.
 * @csspart correction - The corrected reply box.
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-panel - Background of user turns.
 * @cssprop --quorum-color-danger - Border of flagged turns.
 *
 * @event input - When the user flags or unflags a turn, or types.
 * @event change - When the user flags or unflags a turn, or commits a text.
 *
 * @cssstate empty - Nothing flagged or written.
 * @cssstate invalid - Required and empty.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdChatTranscript extends JsonAnswerControl {
  static readonly tagName = 'crowd-chat-transcript';
  static override styles = [themeStyles, reviewStyles, crowdChatTranscriptStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'turns', 'reasons'];
  }

  /** The question, e.g. "Review this conversation". */
  @property() header = '';

  /**
   * The conversation. The `turns` attribute takes a JavaScript or JSON array of `{ role, content }`.
   * @attr turns
   */
  @property({ attribute: false }) turns: ChatTurn[] = [];

  /**
   * Reasons a turn can be flagged for (default Inaccurate, Unhelpful, Unsafe, Off-topic, Other);
   * the attribute takes an array of strings.
   * @attr reasons
   */
  @property({ attribute: false }) reasons: string[] = DEFAULT_REASONS;

  /** Roles whose turns can be flagged, space-separated; empty (default) for all. */
  @property({ attribute: 'flag-roles' }) flagRoles = '';

  /** Label of the corrected reply box. */
  @property({ attribute: 'correction-label' }) correctionLabel = 'Corrected reply';

  /** Hides the corrected reply box. */
  @property({ type: Boolean, attribute: 'no-correction' }) noCorrection = false;

  /** The corrected reply. Setting it does not fire events. */
  @property({ attribute: false })
  get correctedReply(): string {
    return this.#correctedReply;
  }

  set correctedReply(next: string) {
    this.#correctedReply = next == null ? '' : String(next);
    this.requestUpdate();
    this.syncFormState();
  }


  #flags = new Map<number, Flag>();
  #correctedReply = '';

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'turns') {
      this.turns = this.readLiteralAttribute('turns', value, parseTurns, []);
      return;
    }
    if (name === 'reasons') {
      this.reasons = this.readLiteralAttribute('reasons', value, parseStringArray, DEFAULT_REASONS);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.turns.length === 0) warnOnce(this, 'no-turns', `${describeElement(this)} has no turns to review. Set turns='[{"role": "user", "content": "…"}]'.`);
  }

  /** Flags a turn (0-based) with a reason and comment from code, without events; an empty reason unflags. */
  setFlag(turn: number, reason: string, comment = ''): void {
    if (reason) this.#flags.set(turn, { reason, comment });
    else this.#flags.delete(turn);
    this.requestUpdate();
    this.syncFormState();
  }

  /** Moves focus to the first flaggable turn's reasons. */
  override focus(options?: FocusOptions): void {
    const radio = this.renderRoot?.querySelector<HTMLElement>('[role="radiogroup"] [tabindex="0"]');
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** Digits and arrows, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    const count = Math.min(this.reasons.length, DIGIT_KEYS.length);
    return [{ keys: count === 1 ? '1' : `1–${count}`, description: `Flag the focused turn as ${this.reasons.slice(0, count).join(' / ')}` }];
  }

  protected answerValue(): JsonValue | undefined {
    const flags: ChatTranscriptFlag[] = [];
    for (const [turn, flag] of [...this.#flags].sort(([a], [b]) => a - b)) {
      const role = this.turns[turn]?.role;
      if (role === undefined || !this.reasons.includes(flag.reason)) continue;
      const entry: ChatTranscriptFlag = { turn, role, reason: flag.reason };
      if (flag.comment.trim() !== '') entry.comment = flag.comment;
      flags.push(entry);
    }
    const correction = this.noCorrection ? '' : this.#correctedReply;
    if (flags.length === 0 && correction.trim() === '') return undefined;
    const answer: CrowdChatTranscriptAnswer = { flags };
    if (correction.trim() !== '') answer.correctedReply = correction;
    return answer as unknown as JsonValue;
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : this.value;
  }

  protected isEmpty(): boolean {
    return this.answerValue() === undefined;
  }

  protected resetValue(): void {
    this.#flags = new Map();
    this.#correctedReply = '';
    this.requestUpdate();
  }

  protected restoreValue(state: string): void {
    const saved = parseObjectState(state);
    this.#flags = new Map();
    const flags = saved?.['flags'];
    if (Array.isArray(flags)) {
      for (const flag of flags as unknown[]) {
        const record = (flag && typeof flag === 'object' ? flag : {}) as Record<string, unknown>;
        if (typeof record['turn'] === 'number' && typeof record['reason'] === 'string') {
          this.#flags.set(record['turn'], { reason: record['reason'], comment: typeof record['comment'] === 'string' ? record['comment'] : '' });
        }
      }
    }
    this.#correctedReply = typeof saved?.['correctedReply'] === 'string' ? saved['correctedReply'] : '';
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return this.noCorrection ? 'Please flag at least one turn.' : 'Please flag a turn or write a corrected reply.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[role="radiogroup"] [tabindex="0"], textarea.correction') ?? null;
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (this.isDisabled || !isPlainKey(event)) return;
    const index = DIGIT_KEYS.indexOf(event.key);
    const group = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'radiogroup');
    const radio = index >= 0 ? group?.querySelector<HTMLElement>(`[data-index="${index}"]`) : null;
    if (!radio) return;
    event.preventDefault();
    radio.focus();
    radio.click();
  };

  #flagByUser(turn: number, reason: string): void {
    const previous = this.#flags.get(turn);
    if ((previous?.reason ?? '') === reason) return;
    this.setFlag(turn, reason, previous?.comment ?? '');
    this.commitUserChange();
  }

  #clearByUser(turn: number): void {
    this.setFlag(turn, '');
    this.commitUserChange();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#reasons-${turn} [tabindex="0"]`)?.focus());
  }

  #flaggable(turn: ChatTurn): boolean {
    const roles = this.flagRoles.split(/\s+/).filter(Boolean);
    return roles.length === 0 || roles.includes(turn.role);
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    return html`
      ${renderReviewHeader(this.header)}
      <ol part="transcript" class="transcript" aria-label="Conversation">
        ${this.turns.map((turn, index) => this.#renderTurn(turn, index, disabled))}
      </ol>
      ${renderReviewTextField({
        label: this.correctionLabel,
        part: 'correction',
        className: 'correction',
        value: this.#correctedReply,
        disabled,
        invalid: error !== '',
        describedBy: error ? 'error' : undefined,
        hidden: this.noCorrection,
        onInput: (text) => (this.correctedReply = text),
        onChange: () => this.commitUserChange(),
      })}
      ${renderReviewError(error)}
    `;
  }

  #renderTurn(turn: ChatTurn, index: number, disabled: boolean): TemplateResult {
    const flag = this.#flags.get(index);
    const roleLabel = turn.role.charAt(0).toUpperCase() + turn.role.slice(1);
    return html`
      <li part=${flag ? 'turn turn-flagged' : 'turn'} class="turn role-${turn.role.replace(/[^a-z0-9-]/gi, '')} ${flag ? 'flagged' : ''}" aria-labelledby=${`role-${index}`}>
        <span part="role" class="role" id=${`role-${index}`}>${roleLabel} <span class="turn-number">· turn ${index + 1}</span></span>
        <div part="text" class="text" dir="auto">${renderRichText(turn.content)}</div>
        ${this.#flaggable(turn)
          ? html`<div class="flag-row">
              ${renderChoiceGroup({
                id: `reasons-${index}`,
                part: 'reasons',
                className: 'options reasons',
                options: this.reasons.map((reason, reasonIndex) => ({ value: reason, content: reason, shortcut: DIGIT_KEYS[reasonIndex] })),
                selected: flag?.reason ?? '',
                disabled,
                label: `Flag ${roleLabel.toLowerCase()} turn ${index + 1} as`,
                onChoose: (reason) => this.#flagByUser(index, reason),
                onSubmit: () => this.submitEnclosingForm(),
              })}
              ${flag ? html`<button type="button" class="clear" ?disabled=${disabled} @click=${() => this.#clearByUser(index)}>Clear flag</button>` : nothing}
            </div>`
          : nothing}
        ${flag
          ? renderReviewTextField({
              label: `Comment on turn ${index + 1}`,
              part: 'comment',
              value: flag.comment,
              disabled,
              onInput: (text) => this.setFlag(index, flag.reason, text),
              onChange: () => this.commitUserChange(),
            })
          : nothing}
      </li>
    `;
  }
}

/** Reads the `turns` attribute: an array of `{ role, content }` (or `text`). */
export function parseTurns(text: string, options: { what?: string }): ChatTurn[] {
  const value = parseLiteral(text, options);
  const what = options.what ?? 'turns';
  if (!Array.isArray(value)) throw new SyntaxError(`${what}: expected an array of { role, content }`);
  return value.map((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new SyntaxError(`${what}, turn ${index}: expected { role, content }`);
    const content = item['content'] ?? item['text'];
    if (typeof item['role'] !== 'string' || typeof content !== 'string') throw new SyntaxError(`${what}, turn ${index}: role and content must be strings`);
    return { role: item['role'], content };
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-chat-transcript': CrowdChatTranscript;
  }
}
