import type { BoundingBox, CrowdBoundingBoxAnswer, JsonValue } from '@quorum/schema';
import { property } from 'lit/decorators.js';
import type { LiteralValue } from '../internal/literal.js';
import { SpatialAnnotator } from '../internal/spatial/annotator.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import type { Size } from '../internal/spatial/geometry.js';
import { boxKind, type Shape } from '../internal/spatial/shapes.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdBoundingBoxStyles } from './crowd-bounding-box.styles.js';

/**
 * @summary Draws labeled rectangles on an image. Ground Truth's `<crowd-bounding-box>`; its answer
 * is `{ "<name>": { "boundingBoxes": [{ "label", "left", "top", "width", "height" }],
 * "inputImageProperties": { "width", "height" } } }` in integer natural image pixels, boxes in the
 * order drawn (pre-drawn `initial-value` boxes first), plus `initialValueModified` when the
 * element had an `initial-value`.
 *
 * Drag on the image to draw a box with the chosen label; drag a box to move it, a corner to resize
 * it. Keyboard: N adds a box, 1–9 pick the label (and relabel the box selected with a click, Tab or
 * N; not one just drawn with the mouse), Tab selects the next box, arrow keys move it by 1 pixel
 * (Shift: 10), Alt with arrow keys resizes, Delete removes, + / − / 0 zoom, Space with a drag or
 * the middle button pans, the wheel and two fingers zoom.
 *
 * @tagname crowd-bounding-box
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
 * @csspart toolbar - The row with the label picker and the zoom buttons.
 * @csspart labels - The label picker (a radio group).
 * @csspart label - One label.
 * @csspart label-checked - The label new boxes get.
 * @csspart zoom-button - A zoom button.
 * @csspart stage - The image region (`role="application"`), focusable.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart shape-list - The visually hidden list describing each box to screen readers.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint under the image.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the image region (default 70vh).
 * @cssprop --quorum-color-accent - Chosen label, links and focus (default #0b5fbf).
 * @cssprop --quorum-color-text - Text colour.
 * @cssprop --quorum-color-muted - Secondary text colour.
 * @cssprop --quorum-color-surface - Background of controls and the dialog.
 * @cssprop --quorum-color-panel - Background of the instructions panel.
 * @cssprop --quorum-color-border - Borders.
 * @cssprop --quorum-color-danger - Validation errors and the image error.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-radius - Corner radius.
 * @cssprop --quorum-space - Base spacing unit.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - When the user adds, moves, resizes, relabels or deletes a box (never from code).
 * @event change - With every `input`; `event.target.value` is the answer as JSON.
 *
 * @cssstate empty - No box is drawn.
 * @cssstate invalid - The image failed or is still loading, or required and no box is drawn.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdBoundingBox extends SpatialAnnotator {
  static readonly tagName = 'crowd-bounding-box';
  static override styles = [themeStyles, spatialAnnotatorStyles, crowdBoundingBoxStyles];

  protected readonly kind = boxKind;

  /**
   * Pre-drawn boxes (the `initial-value` attribute, a JS-literal array of
   * `{label, left, top, width, height}`), kept first and in order in the answer. Read-only here;
   * set the attribute to change them.
   * @attr initial-value
   */
  @property({ attribute: false })
  get initialValue(): BoundingBox[] {
    return (this.initialShapes ?? []).map(toBox);
  }

  /** The boxes drawn, in order. Setting them does not fire events. */
  @property({ attribute: false })
  get boundingBoxes(): BoundingBox[] {
    return this.shapes.map(toBox);
  }

  set boundingBoxes(boxes: BoundingBox[]) {
    const previous = this.boundingBoxes;
    this.touched = true;
    this.setShapes(boxes.map(fromBox));
    this.requestUpdate('boundingBoxes', previous);
    this.syncFormState();
  }

  protected shapeFromInitialItem(item: LiteralValue): Shape | string {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return 'expected an object {label, left, top, width, height}';
    const { label, left, top, width, height } = item;
    for (const [key, number] of Object.entries({ left, top, width, height })) {
      if (typeof number !== 'number' || !Number.isFinite(number)) return `${key} must be a number, found ${JSON.stringify(number ?? null)}`;
    }
    if (typeof label !== 'string') return `label must be a string, found ${JSON.stringify(label ?? null)}`;
    return fromBox({ label, left: left as number, top: top as number, width: width as number, height: height as number });
  }

  protected shapesFromAnswer(answer: unknown): Shape[] | null {
    const boxes = (answer as Partial<CrowdBoundingBoxAnswer> | null)?.boundingBoxes;
    if (!Array.isArray(boxes)) return null;
    const valid = boxes.every((box) => box && typeof box.label === 'string' && [box.left, box.top, box.width, box.height].every(Number.isFinite));
    return valid ? boxes.map(fromBox) : null;
  }

  protected buildAnswer(shapes: readonly Shape[], image: Size): JsonValue {
    const answer: CrowdBoundingBoxAnswer = {
      boundingBoxes: shapes.map(toBox),
      inputImageProperties: { width: image.width, height: image.height },
    };
    if (this.initialShapes !== null) answer.initialValueModified = this.initialValueModified;
    return { ...answer, boundingBoxes: answer.boundingBoxes.map((box) => ({ ...box })), inputImageProperties: { ...answer.inputImageProperties } };
  }
}

function toBox(shape: Shape): BoundingBox {
  const [a = { x: 0, y: 0 }, b = a] = shape.points;
  return { label: shape.label, left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

function fromBox(box: BoundingBox): Shape {
  return {
    label: box.label,
    points: [
      { x: box.left, y: box.top },
      { x: box.left + box.width, y: box.top + box.height },
    ],
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-bounding-box': CrowdBoundingBox;
  }
}
