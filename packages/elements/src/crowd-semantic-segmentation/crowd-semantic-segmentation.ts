import type { CrowdSemanticSegmentationAnswer, JsonValue } from '@quorum/schema';
import { SegmentationAnnotator, colorKey } from '../internal/spatial/segmentation-annotator.js';
import { segmentationAnnotatorStyles } from '../internal/spatial/segmentation-annotator.styles.js';
import type { Size } from '../internal/spatial/geometry.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';

/**
 * @summary Labels every pixel of an image with a category. Ground Truth's
 * `<crowd-semantic-segmentation>`; its answer is
 * `{ "<name>": { "inputImageProperties": { "width", "height" }, "labelMappings": { "<label>": { "color": "#rrggbb" } }, "labeledImage": { "pngImageData": "<base64 PNG>" } } }`:
 * a PNG of the image's natural size in which each labeled pixel has its label's colour (exact
 * colours, hard edges; unlabeled pixels transparent), and the colours of the labels that were
 * used. With an `initial-value` (an adjustment task) the answer also has `initialValueModified`.
 *
 * Labels take Ground Truth's palette in order (`#1f77b4`, `#ff7f0e`, `#2ca02c`, … d3's
 * category10), unless `label-colors` gives others.
 *
 * Tools: brush (B), eraser (E), polygon fill (P: click the points, Enter or a click on the first
 * point fills), flood fill (F: fills the connected region under the pointer), pan (H, or drag with
 * the middle button, or two fingers). `[` and `]` change the brush size, O toggles opaque labels,
 * 1–9 pick the label, + / − / 0 zoom. Keyboard: arrow keys move the brush cursor (Shift: by the
 * brush size), Space paints (hold it while moving to paint a stroke). Each stroke or fill is one
 * step of the form's undo (Ctrl+Z).
 *
 * @tagname crowd-semantic-segmentation
 *
 * @attr initial-value - The labels to start from (an adjustment task): a previous answer, JSON or a
 * JavaScript literal, with `labelMappings` and the labeled image as `labeledImage.pngImageData` or as
 * the URL `src`; it must have the image's size.
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
 * @csspart toolbar - The row with the label picker, tools, brush size, opacity and zoom.
 * @csspart labels - The label picker (a radio group).
 * @csspart label - One label.
 * @csspart label-checked - The label being painted with.
 * @csspart tools - The tool picker (a radio group).
 * @csspart tool - One tool.
 * @csspart tool-checked - The chosen tool.
 * @csspart tool-button - Brush size and opacity buttons.
 * @csspart zoom-button - A zoom button.
 * @csspart summary - The share of the image each label covers.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint under the tool bar.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the image region (default 70vh).
 * @cssprop --quorum-color-accent - Chosen label and tool, links and focus (default #0b5fbf).
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
export class CrowdSemanticSegmentation extends SegmentationAnnotator {
  static readonly tagName = 'crowd-semantic-segmentation';
  static override styles = [themeStyles, segmentationAnnotatorStyles];

  protected readonly noun = 'label';

  protected valueColors(): (string | null)[] {
    return [null, ...this.labelList.map((label) => label.color)];
  }

  protected paintValue(): number {
    return this.labels.length === 0 ? 0 : Math.min(this.labelIndex, this.labels.length - 1) + 1;
  }

  protected describeValue(value: number): string {
    return this.labelList[value - 1]?.full ?? `label ${value}`;
  }

  protected buildAnswer(png: string, counts: Uint32Array, size: Size): JsonValue {
    const labelMappings: Record<string, { color: string }> = {};
    this.labelList.forEach((label, index) => {
      if ((counts[index + 1] as number) > 0) labelMappings[label.value] = { color: label.color };
    });
    const answer: CrowdSemanticSegmentationAnswer = {
      inputImageProperties: { width: size.width, height: size.height },
      labelMappings,
      labeledImage: { pngImageData: png },
    };
    return answer as unknown as JsonValue;
  }

  /**
   * Colours map to labels by name, so a previous job's colours (`labelMappings`) are read whatever
   * they were; pixels of labels this element does not have stay unlabeled (with a warning).
   */
  protected colorTable(answer: Record<string, unknown>): Map<number, number> | string {
    const mappings = answer.labelMappings;
    if (!mappings || typeof mappings !== 'object' || Array.isArray(mappings)) return 'labelMappings is missing';
    const labels = this.labelList;
    const table = new Map<number, number>();
    const unknown: string[] = [];
    for (const [name, mapping] of Object.entries(mappings as Record<string, unknown>)) {
      const key = colorKey((mapping as Record<string, unknown> | null)?.color);
      if (key === null) return `labelMappings[${JSON.stringify(name)}].color is not a #rrggbb colour`;
      const index = labels.findIndex((label) => label.value === name);
      if (index < 0) unknown.push(name);
      else table.set(key, index + 1);
    }
    if (unknown.length > 0) {
      warnOnce(this, 'unknown-labels', `${describeElement(this)}: the labeled image has labels this element does not have (${unknown.join(', ')}); their pixels are left unlabeled.`);
    }
    return table;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-semantic-segmentation': CrowdSemanticSegmentation;
  }
}
