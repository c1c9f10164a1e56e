import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { CrowdInstanceSegmentationAnswer, JsonValue, SegmentationInstance } from '@quorum/schema';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { SegmentationAnnotator, colorKey } from '../internal/spatial/segmentation-annotator.js';
import { segmentationAnnotatorStyles } from '../internal/spatial/segmentation-annotator.styles.js';
import { LABEL_COLORS } from '../internal/spatial/labels.js';
import type { Size } from '../internal/spatial/geometry.js';
import { themeStyles } from '../internal/theme.styles.js';

/**
 * Colours of instances in the order they are added. Ground Truth documents no instance palette,
 * so Quorum takes d3's category20: its first ten are Ground Truth's label palette (category10),
 * the next ten their lighter companions; beyond twenty, hues step by the golden angle.
 */
export const INSTANCE_COLORS = [...LABEL_COLORS, '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5'];

/** A mask holds at most 255 values besides "unlabeled". */
export const MAX_INSTANCES = 255;

/**
 * @summary Outlines each instance of an object in an image with its own colour. Ground Truth's
 * `<crowd-instance-segmentation>`; its answer is
 * `{ "<name>": { "inputImageProperties": { "width", "height" }, "instances": [{ "color": "#rrggbb", "label": "<label>" }], "labeledImage": { "pngImageData": "<base64 PNG>" } } }`:
 * a PNG of the image's natural size in which each instance's pixels have the instance's colour
 * (exact colours, hard edges; unlabeled pixels transparent), and one entry per instance with at
 * least one pixel, in the order the instances were added; a label repeats once per instance.
 *
 * Instances take the colours of `INSTANCE_COLORS` in order. Choosing a label (1–9 or a
 * click) continues its latest instance; "Add instance" (I) starts a new one; the instance list
 * switches between them. The tools are those of `<crowd-semantic-segmentation>`: brush (B),
 * eraser (E), polygon fill (P), flood fill (F), pan (H), `[` / `]` brush size, O opacity, arrow
 * keys and Space to paint from the keyboard.
 *
 * @tagname crowd-instance-segmentation
 *
 * @attr initial-value - The instances to start from (an adjustment task): a previous answer, JSON or a
 * JavaScript literal, with `instances` and the labeled image as `labeledImage.pngImageData` or as the
 * URL `src`; it must have the image's size.
 *
 * @slot short-instructions - The `<short-instructions>` region, shown in the instructions panel.
 * @slot full-instructions - The `<full-instructions>` region, shown in a dialog opened from the panel.
 * @slot - Anything else, shown below the image.
 *
 * @csspart base - The layout grid holding the instructions panel and the task.
 * @csspart instructions - The instructions panel.
 * @csspart full-instructions-button - The "View full instructions" button.
 * @csspart main - The task column.
 * @csspart header - The instruction above the image (`header` attribute).
 * @csspart stage - The image region (`role="application"`), focusable.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart toolbar - The row with the label picker, instances, tools, brush size, opacity and zoom.
 * @csspart labels - The label picker (a radio group).
 * @csspart label - One label.
 * @csspart label-checked - The label of the instance being painted.
 * @csspart instances - The instance list (a radio group).
 * @csspart instance - One instance.
 * @csspart instance-checked - The instance being painted.
 * @csspart add-instance - The "Add instance" button.
 * @csspart tools - The tool picker (a radio group).
 * @csspart tool - One tool.
 * @csspart tool-checked - The chosen tool.
 * @csspart tool-button - Brush size and opacity buttons.
 * @csspart zoom-button - A zoom button.
 * @csspart summary - The share of the image each instance covers.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint under the tool bar.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the image region (default 70vh).
 * @cssprop --quorum-color-accent - Chosen label, instance and tool, links and focus (default #0b5fbf).
 * @cssprop --quorum-color-danger - Validation errors and the image error.
 * @cssprop --quorum-focus-color - Focus outline.
 *
 * @event input - When the user finishes a stroke, a fill or an erase (never from code).
 * @event change - With every `input`; `event.target.value` is the answer object.
 *
 * @cssstate empty - No pixel is labeled.
 * @cssstate invalid - The image failed or is still loading, or required and nothing is labeled.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdInstanceSegmentation extends SegmentationAnnotator {
  static readonly tagName = 'crowd-instance-segmentation';
  static override styles = [themeStyles, segmentationAnnotatorStyles];

  protected readonly noun = 'instance';

  /** The instances in the order added (mask value = index + 1), empty ones included. */
  @state() protected instanceList: SegmentationInstance[] = [];
  /** The instance being painted (an index into {@link instanceList}), or -1: the next stroke starts one. */
  @state() protected activeInstance = -1;

  #initialInstances: SegmentationInstance[] = [];

  /** The instances (colour and label) in the order added, including those without pixels yet. */
  get instances(): SegmentationInstance[] {
    return this.instanceList.map((instance) => ({ ...instance }));
  }

  /** Starts a new instance of the chosen label; the next stroke paints it. Returns its index, or -1 when none can be added. */
  addInstance(): number {
    const label = this.labelList[this.labelIndex];
    if (!label || this.instanceList.length >= MAX_INSTANCES) {
      if (label) this.announce(`No more than ${MAX_INSTANCES} instances can be added.`);
      return -1;
    }
    const taken = new Set(this.instanceList.map((instance) => instance.color));
    const color = INSTANCE_COLORS.find((candidate) => !taken.has(candidate)) ?? goldenAngleColor(this.instanceList.length, taken);
    this.instanceList = [...this.instanceList, { label: label.value, color }];
    this.activeInstance = this.instanceList.length - 1;
    this.refreshColors();
    this.announce(`${this.describeValue(this.activeInstance + 1)} added; paint it.`);
    return this.activeInstance;
  }

  protected override valueColors(): (string | null)[] {
    return [null, ...this.instanceList.map((instance) => instance.color)];
  }

  protected override paintValue(): number {
    const label = this.labelList[this.labelIndex];
    if (!label) return 0;
    const active = this.instanceList[this.activeInstance];
    if (active && active.label === label.value) return this.activeInstance + 1;
    return this.addInstance() + 1;
  }

  protected override describeValue(value: number): string {
    const instance = this.instanceList[value - 1];
    if (!instance) return `instance ${value}`;
    const ordinal = this.instanceList.slice(0, value).filter((candidate) => candidate.label === instance.label).length;
    const name = this.labelList.find((label) => label.value === instance.label)?.full ?? instance.label;
    return `${name} #${ordinal}`;
  }

  protected override buildAnswer(png: string, counts: Uint32Array, size: Size): JsonValue {
    const answer: CrowdInstanceSegmentationAnswer = {
      inputImageProperties: { width: size.width, height: size.height },
      instances: this.instanceList.filter((_, index) => (counts[index + 1] as number) > 0).map((instance) => ({ color: instance.color, label: instance.label })),
      labeledImage: { pngImageData: png },
    };
    return answer as unknown as JsonValue;
  }

  /** Reads `instances` of an answer (or `initial-value`): they become this element's instances, in order. */
  protected override colorTable(answer: Record<string, unknown>): Map<number, number> | string {
    const list = answer.instances;
    if (!Array.isArray(list)) return 'instances is missing';
    if (list.length > MAX_INSTANCES) return `${list.length} instances, more than ${MAX_INSTANCES}`;
    const instances: SegmentationInstance[] = [];
    const table = new Map<number, number>();
    for (const [index, item] of list.entries()) {
      const record = item as Record<string, unknown> | null;
      const key = colorKey(record?.color);
      if (key === null || typeof record?.label !== 'string') return `instances[${index}] needs a #rrggbb color and a label`;
      if (table.has(key)) return `instances[${index}] repeats the colour ${String(record.color)}`;
      table.set(key, index + 1);
      instances.push({ label: record.label, color: (record.color as string).toLowerCase() });
    }
    this.instanceList = instances;
    this.activeInstance = instances.length - 1;
    this.refreshColors();
    return table;
  }

  protected override initialValueLoaded(): void {
    this.#initialInstances = this.instances;
  }

  protected override resetValue(): void {
    this.instanceList = this.#initialInstances.map((instance) => ({ ...instance }));
    this.activeInstance = this.instanceList.length - 1;
    this.refreshColors();
    super.resetValue();
  }

  protected override clearValue(): void {
    this.instanceList = [];
    this.activeInstance = -1;
    this.refreshColors();
    super.clearValue();
  }

  protected override answerSignature(): string {
    return this.instanceList.map((instance) => `${instance.label}\u0000${instance.color}`).join('\u0001');
  }

  /** Choosing a label continues its latest instance (or starts one at the next stroke). */
  protected override labelChosen(index: number): void {
    const label = this.labelList[index];
    let latest = -1;
    this.instanceList.forEach((instance, position) => {
      if (instance.label === label?.value) latest = position;
    });
    this.activeInstance = latest;
    this.announce(latest >= 0 ? `Painting ${this.describeValue(latest + 1)}.` : `Painting a new ${label?.full ?? ''} instance.`);
  }

  protected override extraShortcuts(): KeyboardShortcut[] {
    return [{ keys: 'I', description: 'Add an instance of the chosen label' }];
  }

  protected override onExtraKey(event: KeyboardEvent): boolean {
    if ((event.key === 'i' || event.key === 'I') && !event.shiftKey) {
      this.addInstance();
      return true;
    }
    return false;
  }

  protected override renderExtraControls(): TemplateResult {
    const disabled = this.isDisabled;
    return html`
      <div role="radiogroup" part="instances" class="instances" aria-label="Instance to paint" aria-disabled=${disabled ? 'true' : 'false'} ?hidden=${this.instanceList.length === 0} @keydown=${this.#onInstanceKeydown}>
        ${this.instanceList.map((instance, index) => {
          const checked = index === this.activeInstance;
          return html`<div
            role="radio"
            part=${checked ? 'instance instance-checked' : 'instance'}
            class="instance"
            data-index=${index}
            aria-checked=${checked ? 'true' : 'false'}
            tabindex=${disabled ? -1 : checked || (this.activeInstance < 0 && index === 0) ? 0 : -1}
            style="--_label-color: ${instance.color}"
            @click=${() => !disabled && this.#activate(index)}
          >
            <span class="swatch" aria-hidden="true"></span><span>${this.describeValue(index + 1)}</span>
          </div>`;
        })}
      </div>
      <button type="button" part="add-instance" class="add-instance" aria-keyshortcuts="I" ?disabled=${disabled || this.labels.length === 0} @click=${() => this.addInstance()}>Add instance</button>
    `;
  }

  #onInstanceKeydown(event: KeyboardEvent): void {
    const count = this.instanceList.length;
    if (this.isDisabled || count === 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = (Math.max(0, this.activeInstance) + move + count) % count;
    this.#activate(next);
    this.renderRoot.querySelector<HTMLElement>(`.instances [data-index="${next}"]`)?.focus();
  }

  #activate(index: number): void {
    const instance = this.instanceList[index];
    if (!instance) return;
    this.activeInstance = index;
    const labelIndex = this.labelList.findIndex((label) => label.value === instance.label);
    if (labelIndex >= 0) this.labelIndex = labelIndex;
    this.announce(`Painting ${this.describeValue(index + 1)}.`);
  }
}

/** A colour for instances beyond the palette: hues a golden angle apart, skipping taken ones. */
function goldenAngleColor(seed: number, taken: ReadonlySet<string>): string {
  for (let step = seed; ; step++) {
    const hue = (step * 137.508) % 360;
    const color = hslToHex(hue, 0.65, step % 2 === 0 ? 0.45 : 0.6);
    if (!taken.has(color)) return color;
  }
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const sector = hue / 60;
  const x = chroma * (1 - Math.abs((sector % 2) - 1));
  const [r, g, b] = sector < 1 ? [chroma, x, 0] : sector < 2 ? [x, chroma, 0] : sector < 3 ? [0, chroma, x] : sector < 4 ? [0, x, chroma] : sector < 5 ? [x, 0, chroma] : [chroma, 0, x];
  const m = lightness - chroma / 2;
  return `#${[r, g, b].map((channel) => Math.round((channel + m) * 255).toString(16).padStart(2, '0')).join('')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-instance-segmentation': CrowdInstanceSegmentation;
  }
}
