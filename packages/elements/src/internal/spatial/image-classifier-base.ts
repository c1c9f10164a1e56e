import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { DIGIT_KEYS, isPlainKey } from '../choice-group.js';
import { QuorumControl } from '../control.js';
import { parseStringArray } from '../literal.js';
import { describeElement, warnOnce } from '../warn.js';
import { REGION_CHANGE_EVENT } from '../region.js';
import { loadImage, type ImageState } from './image.js';
import { ImageStage } from './image-stage.js';
import { parseOverlay, renderOverlay, renderOverlayLegend, type ImageOverlay } from './image-classifier-overlay.js';
import { renderInstructionsLayout, withSlotFilled } from '../instructions-region.js';

/** Ground Truth's default for the comment link and dialog title. */
const DEFAULT_COMMENT_TEXT = 'Add a comment.';

/**
 * The shared base of `<crowd-image-classifier>` and `<crowd-image-classifier-multi-select>`: the
 * image (a failed or missing one blocks submission) with the `overlay` of a verification job
 * drawn over it, the instructions panel and dialog, the `<worker-comment>` dialog, and digit
 * shortcuts. A subclass renders its choices and says what a digit does.
 */
export abstract class ImageClassifierBase extends QuorumControl {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'categories', 'overlay'];
  }

  /** URL of the image to classify. */
  @property() src = '';

  /** The question shown above the image; also the accessible name of the categories. */
  @property() header = '';

  /**
   * The categories to choose from: the `categories` attribute takes a JS-literal array of strings.
   * @attr categories
   */
  @property({ attribute: false }) categories: string[] = [];

  /**
   * What a verification job draws over the image (the `overlay` attribute, Ground Truth's
   * `{ boundingBox: { labels, value: [boxes] } }` or `{ semanticSegmentation: { labels,
   * labelMappings, src } }`), or null.
   * @attr overlay
   */
  @property({ attribute: false }) overlay: ImageOverlay | null = null;

  /** The worker's comment ('' for none), written in the `<worker-comment>` dialog. Setting it does not fire events. */
  @property({ attribute: false }) workerComment = '';

  /** The label image of a semantic segmentation overlay. */
  @state() private overlayImageState: ImageState = { status: 'none' };
  /** Whether the overlay is drawn; the worker can hide it to see the image underneath. */
  @state() private overlayShown = true;
  @state() private filledSlots: ReadonlySet<string> = new Set();
  @state() private fullInstructionsHeader = '';
  @state() private commentRegion: { header: string; linkText: string; placeholder: string } | null = null;

  @query('dialog.instructions-dialog') private dialog?: HTMLDialogElement;
  @query('dialog.comment-dialog') private commentDialog?: HTMLDialogElement;
  @query('textarea') private commentField?: HTMLTextAreaElement;

  readonly #image = new ImageStage(this, { settled: () => this.syncFormState() });
  #overlayLoad: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
    this.addEventListener(REGION_CHANGE_EVENT, this.#readRegions);
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'categories') {
      this.categories = this.readLiteralAttribute('categories', value, parseStringArray, []);
      return;
    }
    if (name === 'overlay') {
      this.overlay = this.readLiteralAttribute('overlay', value, parseOverlay, null);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('src')) this.#image.load(this.src);
    if (changed.has('overlay')) this.#startOverlayLoad();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.header) warnOnce(this, 'missing-header', `${describeElement(this)} has no header; workers see no question and screen readers no name for the categories.`);
    if (this.categories.length === 0) warnOnce(this, 'no-categories', `${describeElement(this)} has no categories, so nothing can be chosen. Set categories="['…', '…']".`);
    if (!this.src) warnOnce(this, 'missing-src', `${describeElement(this)} has no src, so there is no image to classify and the task cannot be submitted.`);
  }

  /** Waits for the image too: once this resolves the image has loaded or failed. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await Promise.all([this.#image.settled, this.#overlayLoad]);
    return (await super.getUpdateComplete()) && done;
  }

  /** Opens the dialog with the full instructions. */
  openFullInstructions(): void {
    this.dialog?.showModal();
  }

  /** Closes the full instructions dialog. */
  closeFullInstructions(): void {
    this.dialog?.close();
  }

  /** Opens the comment dialog (the `<worker-comment>` region's link does the same). */
  openComment(): void {
    if (!this.commentDialog || !this.commentField) return;
    this.commentField.value = this.workerComment;
    this.commentDialog.showModal();
    this.commentField.focus();
  }

  /** Renders the categories (a radio group or a group of checkboxes). */
  protected abstract renderChoices(error: string, disabled: boolean): TemplateResult;

  /** The keyboard hint under the categories. */
  protected abstract hint(): string;

  /**
   * Handles digit `index` (0 for key 1 …) pressed in the element, or routed to it by `<crowd-form>`
   * (`moveFocus` false: focus stays where the worker left it); returns whether it was used.
   */
  protected abstract chooseByDigit(index: number, moveFocus: boolean): boolean;

  /** A digit pressed outside the control (see `<crowd-form>`) does what it does inside it. */
  override handleRoutedKey(event: KeyboardEvent): boolean {
    if (this.isDisabled || this.dialog?.open || this.commentDialog?.open) return false;
    const index = DIGIT_KEYS.indexOf(event.key);
    return index >= 0 && this.chooseByDigit(index, false);
  }

  /**
   * An image that failed or is still loading blocks submission: nobody saw what the label is about.
   * So does a segmentation overlay that failed: the annotation to verify was not shown.
   */
  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    const imageProblem = this.#image.problem();
    if (imageProblem) return imageProblem;
    if (this.overlayImageState.status === 'error') return { flags: { customError: true }, message: `The annotation to verify could not be shown: ${this.overlayImageState.message}` };
    if (this.overlayImageState.status === 'loading') return { flags: { customError: true }, message: 'The annotation to verify is still loading; please wait for it before submitting.' };
    return null;
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (this.isDisabled || !isPlainKey(event) || this.dialog?.open || this.commentDialog?.open) return;
    const index = DIGIT_KEYS.indexOf(event.key);
    if (index >= 0 && this.chooseByDigit(index, true)) event.preventDefault();
  };

  #saveComment(): void {
    const text = this.commentField?.value ?? '';
    this.commentDialog?.close();
    if (text === this.workerComment) return;
    this.workerComment = text;
    this.commitUserChange();
  }

  #onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.filledSlots = withSlotFilled(this.filledSlots, slot);
    this.#readRegions();
  }

  #readRegions = (): void => {
    const slotted = (name: string): Element | undefined => this.renderRoot.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)?.assignedElements()[0];
    this.fullInstructionsHeader = slotted('full-instructions')?.getAttribute('header') ?? '';
    const comment = slotted('worker-comment');
    this.commentRegion = comment
      ? {
          header: comment.getAttribute('header') || DEFAULT_COMMENT_TEXT,
          linkText: comment.getAttribute('link-text') || DEFAULT_COMMENT_TEXT,
          placeholder: comment.getAttribute('placeholder') ?? '',
        }
      : null;
  };

  #startOverlayLoad(): void {
    const overlay = this.overlay;
    if (overlay?.kind !== 'semanticSegmentation') {
      this.overlayImageState = { status: 'none' };
      this.#overlayLoad = Promise.resolve();
      return;
    }
    const src = overlay.src;
    this.overlayImageState = { status: 'loading', src };
    this.#overlayLoad = loadImage(src).then((loaded) => {
      if (this.overlay?.kind !== 'semanticSegmentation' || this.overlay.src !== src) return;
      this.overlayImageState = loaded;
      if (loaded.status === 'error') warnOnce(this, 'overlay-failed', `${describeElement(this)}: the overlay's label image: ${loaded.message}`, `overlay-failed-${src}`);
      this.syncFormState();
    });
  }

  #renderFigure(image: ImageState): TemplateResult {
    if (image.status === 'loading') return html`<p class="image-message">Loading image…</p>`;
    if (image.status !== 'loaded') return html`<p part="image-error" class="image-message" role="alert">${image.status === 'error' ? image.message : 'No image to classify: the src attribute is empty.'}</p>`;
    const overlay = this.overlay;
    const labelImage = this.overlayImageState.status === 'loaded' ? this.overlayImageState.src : null;
    return html`
      <div class="frame">
        <img part="image" src=${image.src} alt=${this.header ? `Image to classify: ${this.header}` : 'Image to classify'} />
        ${overlay && this.overlayShown ? renderOverlay(overlay, image.size, labelImage) : nothing}
      </div>
    `;
  }

  #renderOverlayControls(): TemplateResult | typeof nothing {
    const overlay = this.overlay;
    if (!overlay) return nothing;
    return html`
      <div class="overlay-controls">
        ${renderOverlayLegend(overlay)}
        <button type="button" part="overlay-toggle" class="overlay-toggle" aria-pressed=${this.overlayShown ? 'true' : 'false'} ?disabled=${this.isDisabled} @click=${() => (this.overlayShown = !this.overlayShown)}>
          Show annotations
        </button>
      </div>
    `;
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const image = this.#image.state;
    const comment = this.commentRegion;
    return renderInstructionsLayout(
      { filled: this.filledSlots, header: this.header, dialogHeader: this.fullInstructionsHeader, dialogClass: 'instructions-dialog', onSlotChange: this.#onSlotChange, open: this.openFullInstructions, close: this.closeFullInstructions },
      html`
        <figure part="figure" class="figure">${this.#renderFigure(image)}</figure>
        ${this.#renderOverlayControls()}
        ${this.renderChoices(error, disabled)}
        <div class="comment" ?hidden=${!comment}>
          <button type="button" part="comment-button" class="link" aria-haspopup="dialog" ?disabled=${disabled} @click=${this.openComment}>${comment?.linkText ?? DEFAULT_COMMENT_TEXT}</button>
          <p class="comment-text" ?hidden=${!this.workerComment}>Your comment: ${this.workerComment}</p>
        </div>
        <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
        <p part="hint" class="hint" id="hint" ?hidden=${disabled || this.categories.length === 0}>${this.hint()}</p>
      `,
      html`
        <dialog part="comment-dialog" class="comment-dialog" aria-labelledby="comment-header">
          <div class="dialog-head">
            <h2 id="comment-header">${comment?.header ?? DEFAULT_COMMENT_TEXT}</h2>
          </div>
          <div class="dialog-body">
            <slot name="worker-comment" @slotchange=${this.#onSlotChange}></slot>
            <textarea
              aria-labelledby="comment-header"
              placeholder=${comment?.placeholder || nothing}
              @input=${stopEvent}
              @change=${stopEvent}
            ></textarea>
            <div class="dialog-actions">
              <button type="button" @click=${() => this.commentDialog?.close()}>Cancel</button>
              <button type="button" class="primary" @click=${this.#saveComment}>Save comment</button>
            </div>
          </div>
        </dialog>
      `,
    );
  }
}

/** The comment box's own `input` events would leave the shadow root as the element's: only Save is a change. */
function stopEvent(event: Event): void {
  event.stopPropagation();
}
