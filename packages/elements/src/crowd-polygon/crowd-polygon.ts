import type { CrowdPolygonAnswer, JsonValue, Polygon } from '@quorum/schema';
import { property } from 'lit/decorators.js';
import type { LiteralValue } from '../internal/literal.js';
import { SpatialAnnotator } from '../internal/spatial/annotator.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import type { Size } from '../internal/spatial/geometry.js';
import { polygonKind, type Shape } from '../internal/spatial/shapes.js';
import { fromVertexShape, shapeFromVertexItem, shapesFromVertexList, toVertexShape } from '../internal/spatial/vertices.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdPolygonStyles } from './crowd-polygon.styles.js';

/**
 * @summary Draws labeled polygons on an image. Ground Truth's `<crowd-polygon>`; its answer is
 * `{ "<name>": { "inputImageProperties": { "width", "height" }, "polygons": [{ "label", "vertices": [{ "x", "y" }] }] } }`
 * in integer natural image pixels, polygons in the order drawn (`initial-value` polygons first),
 * plus `initialValueModified` when the element had an `initial-value`.
 *
 * Click on the image to place the points of a polygon with the chosen label; click the first point
 * or press Enter to finish, Escape to cancel, Backspace to take back the last point. Drag a polygon
 * to move it and a point to reshape it. Keyboard: N adds a four-point polygon in the middle of the
 * view, 1–9 pick the label (and relabel the polygon selected with a click, Tab or N; not one just
 * drawn with the mouse), Tab selects the next polygon, arrow keys move it by 1 pixel (Shift: 10),
 * Delete removes, + / − / 0 zoom.
 *
 * @tagname crowd-polygon
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
 * @csspart label-checked - The label new polygons get.
 * @csspart zoom-button - A zoom button.
 * @csspart stage - The image region (`role="application"`), focusable.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart shape-list - The visually hidden list describing each polygon to screen readers.
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
 * @event input - When the user finishes, moves, reshapes, relabels or deletes a polygon (never from code).
 * @event change - With every `input`; `event.target.value` is the answer object.
 *
 * @cssstate empty - No polygon is drawn.
 * @cssstate invalid - The image failed or is still loading, or required and no polygon is drawn.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdPolygon extends SpatialAnnotator {
  static readonly tagName = 'crowd-polygon';
  static override styles = [themeStyles, spatialAnnotatorStyles, crowdPolygonStyles];

  protected readonly kind = polygonKind;

  /**
   * Pre-drawn polygons (the `initial-value` attribute, a JS-literal array of
   * `{label, vertices: [{x, y}, …]}`), kept first and in order in the answer. Read-only here; set
   * the attribute to change them.
   * @attr initial-value
   */
  @property({ attribute: false })
  get initialValue(): Polygon[] {
    return (this.initialShapes ?? []).map(toVertexShape);
  }

  /** The finished polygons, in order. Setting them does not fire events. */
  @property({ attribute: false })
  get polygons(): Polygon[] {
    return this.finishedShapes().map(toVertexShape);
  }

  set polygons(polygons: Polygon[]) {
    const previous = this.polygons;
    this.touched = true;
    this.setShapes(polygons.map(fromVertexShape));
    this.requestUpdate('polygons', previous);
    this.syncFormState();
  }

  protected shapeFromInitialItem(item: LiteralValue): Shape | string {
    return shapeFromVertexItem(item, 3);
  }

  protected shapesFromAnswer(answer: unknown): Shape[] | null {
    return shapesFromVertexList((answer as Partial<CrowdPolygonAnswer> | null)?.polygons);
  }

  protected buildAnswer(shapes: readonly Shape[], image: Size): JsonValue {
    const answer: CrowdPolygonAnswer = {
      inputImageProperties: { width: image.width, height: image.height },
      polygons: shapes.map(toVertexShape),
    };
    if (this.initialShapes !== null) answer.initialValueModified = this.initialValueModified;
    return {
      ...answer,
      inputImageProperties: { ...answer.inputImageProperties },
      polygons: answer.polygons.map((polygon) => ({ label: polygon.label, vertices: polygon.vertices.map((vertex) => ({ ...vertex })) })),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-polygon': CrowdPolygon;
  }
}
