import type { CrowdPolylineAnswer, JsonValue, Polyline } from '@quorum/schema';
import { property } from 'lit/decorators.js';
import type { LiteralValue } from '../internal/literal.js';
import { SpatialAnnotator } from '../internal/spatial/annotator.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import type { Size } from '../internal/spatial/geometry.js';
import { polylineKind, type Shape } from '../internal/spatial/shapes.js';
import { fromVertexShape, shapeFromVertexItem, shapesFromVertexList, toVertexShape } from '../internal/spatial/vertices.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdPolylineStyles } from './crowd-polyline.styles.js';

/**
 * @summary Draws labeled open paths on an image. Ground Truth's `<crowd-polyline>`; its answer is
 * `{ "<name>": { "inputImageProperties": { "width", "height" }, "polylines": [{ "label", "vertices": [{ "x", "y" }, …] }] } }`
 * in integer natural image pixels, polylines in the order drawn (`initial-value` ones first),
 * plus `initialValueModified` when the element had an `initial-value`.
 *
 * Click on the image to place the points of a polyline; click the last point again or press Enter
 * to finish, Escape to cancel, Backspace to take back the last point. Drag a polyline to move it
 * and a point to reshape it. Keyboard: N adds a three-point polyline in the middle of the view, 1–9
 * pick the label (and relabel the polyline selected with a click, Tab or N; not one just drawn with
 * the mouse), Tab selects the next polyline, arrow keys move it by 1 pixel (Shift: 10), Delete
 * removes, + / − / 0 zoom. `label-colors` sets the colours.
 *
 * @tagname crowd-polyline
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
 * @csspart label-checked - The label new polylines get.
 * @csspart zoom-button - A zoom button.
 * @csspart stage - The image region (`role="application"`), focusable.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart shape-list - The visually hidden list describing each polyline to screen readers.
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
 * @event input - When the user finishes, moves, reshapes, relabels or deletes a polyline (never from code).
 * @event change - With every `input`; `event.target.value` is the answer object.
 *
 * @cssstate empty - No polyline is drawn.
 * @cssstate invalid - The image failed or is still loading, or required and no polyline is drawn.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdPolyline extends SpatialAnnotator {
  static readonly tagName = 'crowd-polyline';
  static override styles = [themeStyles, spatialAnnotatorStyles, crowdPolylineStyles];

  protected readonly kind = polylineKind;

  /**
   * Pre-drawn polylines (the `initial-value` attribute: Ground Truth's `{polylines: [{label, vertices: [{x, y}, …]}]}`,
   * or the array alone), kept first and in order in the answer. Read-only here; set the attribute
   * to change them.
   * @attr initial-value
   */
  @property({ attribute: false })
  get initialValue(): Polyline[] {
    return (this.initialShapes ?? []).map(toVertexShape);
  }

  /** The finished polylines, in order. Setting them does not fire events. */
  @property({ attribute: false })
  get polylines(): Polyline[] {
    return this.finishedShapes().map(toVertexShape);
  }

  set polylines(polylines: Polyline[]) {
    const previous = this.polylines;
    this.touched = true;
    this.setShapes(polylines.map(fromVertexShape));
    this.requestUpdate('polylines', previous);
    this.syncFormState();
  }

  protected shapeFromInitialItem(item: LiteralValue): Shape | string {
    return shapeFromVertexItem(item, 2);
  }

  protected shapesFromAnswer(answer: unknown): Shape[] | null {
    return shapesFromVertexList((answer as Partial<CrowdPolylineAnswer> | null)?.polylines);
  }

  /** Ground Truth writes `initial-value` as `{polylines: […]}`; the array alone is taken too. */
  protected override initialItems(value: LiteralValue): LiteralValue[] | null {
    if (Array.isArray(value)) return value;
    const items = value && typeof value === 'object' ? value['polylines'] : undefined;
    return Array.isArray(items) ? items : null;
  }

  protected override get initialValueForm(): string {
    return "{polylines: [{label, vertices}, …]} or an array";
  }

  protected buildAnswer(shapes: readonly Shape[], image: Size): JsonValue {
    const answer: CrowdPolylineAnswer = {
      inputImageProperties: { width: image.width, height: image.height },
      polylines: shapes.map(toVertexShape),
    };
    if (this.initialShapes !== null) answer.initialValueModified = this.initialValueModified;
    return {
      ...answer,
      inputImageProperties: { ...answer.inputImageProperties },
      polylines: answer.polylines.map((item) => ({ label: item.label, vertices: item.vertices.map((vertex) => ({ ...vertex })) })),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-polyline': CrowdPolyline;
  }
}
