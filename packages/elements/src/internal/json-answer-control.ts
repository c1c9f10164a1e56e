import { QuorumControl } from './control.js';

/**
 * A control whose answer is a JSON object and whose `value` is that answer as JSON text, as
 * Quorum's review controls (`<crowd-rating>`, `<crowd-pairwise>`, `<crowd-rubric>`,
 * `<crowd-chat-transcript>`, `<crowd-ranking>`, `<crowd-text-ranking>`,
 * `<crowd-question-answer-generation>`) are: a script reads or sets the whole answer at once, and
 * `event.target.value` in a `change` handler is the answer, as it is for native controls.
 */
export abstract class JsonAnswerControl extends QuorumControl {
  /**
   * The answer as JSON text, or '' while the control gives no answer (see its answer rules).
   * Setting it (the same JSON form) restores that answer and does not fire events.
   */
  get value(): string {
    const answer = this.answerValue();
    return answer === undefined ? '' : JSON.stringify(answer);
  }

  set value(next: string) {
    this.restoreValue(next == null ? '' : String(next));
    this.requestUpdate();
    this.syncFormState();
  }
}
