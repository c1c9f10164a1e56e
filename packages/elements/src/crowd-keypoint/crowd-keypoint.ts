import type { CrowdKeypointAnswer, JsonValue, Keypoint } from '@quorum/schema';
import { property } from 'lit/decorators.js';
import type { LiteralValue } from '../internal/literal.js';
import { SpatialAnnotator } from '../internal/spatial/annotator.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import type { Size } from '../internal/spatial/geometry.js';
import { pointKind, type Shape } from '../internal/spatial/shapes.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdKeypointStyles } from './crowd-keypoint.styles.js';

/**
 * @summary Places labeled points on an image. Ground Truth's `<crowd-keypoint>`; its answer is
 * `{ "<name>": { "inputImageProperties": { "width", "height" }, "keypoints": [{ "label", "x", "y" }] } }`
 * in integer natural image pixels, points in the order placed (pre-placed `initial-value` points
 * first), plus `initialValueModified` when the element had an `initial-value`. Template scripts
 * read `element.value.keypoints`, as in Ground Truth's samples.
 *
 * Click on the image to place a point with the chosen label; drag a point to move it. Keyboard: N
 * adds a point in the middle of the view, 1–9 pick the label (and relabel the point selected with a
 * click, Tab or N; not one just placed with the mouse), Tab selects the next point, arrow keys move
 * it by 1 pixel (Shift: 10), Delete removes, + / − / 0 zoom, Space with a drag or the middle button
 * pans, the wheel and two fingers zoom.
 *
 * @tagname crowd-keypoint
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
 * @csspart label-checked - The label new points get.
 * @csspart zoom-button - A zoom button.
 * @csspart stage - The image region (`role="application"`), focusable.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart shape-list - The visually hidden list describing each point to screen readers.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint under the image.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the image region (default 70vh).
 * @cssprop --quorum-color-accent - Chosen label, links and focus (default #0b5fbf).
 * @cssprop --quorum-color-danger - Validation errors and the image error.
 * @cssprop --quorum-focus-color - Focus outline.
 *
 * @event input - When the user places, moves, relabels or deletes a point (never from code).
 * @event change - With every `input`; `event.target.value` is the answer object.
 *
 * @cssstate empty - No point is placed.
 * @cssstate invalid - The image failed or is still loading, or required and no point is placed.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdKeypoint extends SpatialAnnotator {
  static readonly tagName = 'crowd-keypoint';
  static override styles = [themeStyles, spatialAnnotatorStyles, crowdKeypointStyles];

  protected readonly kind = pointKind;

  /**
   * Pre-placed points (the `initial-value` attribute, a JS-literal array of `{label, x, y}`),
   * kept first and in order in the answer. Read-only here; set the attribute to change them.
   * @attr initial-value
   */
  @property({ attribute: false })
  get initialValue(): Keypoint[] {
    return (this.initialShapes ?? []).map(toKeypoint);
  }

  /** The points placed, in order. Setting them does not fire events. */
  @property({ attribute: false })
  get keypoints(): Keypoint[] {
    return this.shapes.map(toKeypoint);
  }

  set keypoints(points: Keypoint[]) {
    const previous = this.keypoints;
    this.touched = true;
    this.setShapes(points.map(fromKeypoint));
    this.requestUpdate('keypoints', previous);
    this.syncFormState();
  }

  protected shapeFromInitialItem(item: LiteralValue): Shape | string {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return 'expected an object {label, x, y}';
    const { label, x, y } = item;
    for (const [key, number] of Object.entries({ x, y })) {
      if (typeof number !== 'number' || !Number.isFinite(number)) return `${key} must be a number, found ${JSON.stringify(number ?? null)}`;
    }
    if (typeof label !== 'string') return `label must be a string, found ${JSON.stringify(label ?? null)}`;
    return fromKeypoint({ label, x: x as number, y: y as number });
  }

  protected shapesFromAnswer(answer: unknown): Shape[] | null {
    const points = (answer as Partial<CrowdKeypointAnswer> | null)?.keypoints;
    if (!Array.isArray(points)) return null;
    const valid = points.every((point) => point && typeof point.label === 'string' && Number.isFinite(point.x) && Number.isFinite(point.y));
    return valid ? points.map(fromKeypoint) : null;
  }

  protected buildAnswer(shapes: readonly Shape[], image: Size): JsonValue {
    const answer: CrowdKeypointAnswer = {
      inputImageProperties: { width: image.width, height: image.height },
      keypoints: shapes.map(toKeypoint),
    };
    if (this.initialShapes !== null) answer.initialValueModified = this.initialValueModified;
    return { ...answer, inputImageProperties: { ...answer.inputImageProperties }, keypoints: answer.keypoints.map((point) => ({ ...point })) };
  }
}

function toKeypoint(shape: Shape): Keypoint {
  const [point = { x: 0, y: 0 }] = shape.points;
  return { label: shape.label, x: point.x, y: point.y };
}

function fromKeypoint(point: Keypoint): Shape {
  return { label: point.label, points: [{ x: point.x, y: point.y }] };
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-keypoint': CrowdKeypoint;
  }
}
