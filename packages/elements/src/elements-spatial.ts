/**
 * The element classes of the spatial bundle (`crowd-spatial-elements.js`). Every tag here must be
 * listed in `SPATIAL_TAGS` (spatial-tags.ts); a new image or document element is imported and added here.
 */
import { CrowdBoundingBox } from './crowd-bounding-box/crowd-bounding-box.js';
import { CrowdKeypoint } from './crowd-keypoint/crowd-keypoint.js';
import { CrowdPolygon } from './crowd-polygon/crowd-polygon.js';
import { CrowdLine } from './crowd-line/crowd-line.js';
import { CrowdPolyline } from './crowd-polyline/crowd-polyline.js';
import { CrowdImageClassifier } from './crowd-image-classifier/crowd-image-classifier.js';
import { CrowdImageClassifierMultiSelect } from './crowd-image-classifier-multi-select/crowd-image-classifier-multi-select.js';
import { WorkerComment } from './worker-comment/worker-comment.js';
import { CrowdSemanticSegmentation } from './crowd-semantic-segmentation/crowd-semantic-segmentation.js';
import { CrowdInstanceSegmentation } from './crowd-instance-segmentation/crowd-instance-segmentation.js';
import { CrowdTextractAnalyzeDocument } from './crowd-textract-analyze-document/crowd-textract-analyze-document.js';
import { CrowdRekognitionDetectModerationLabels } from './crowd-rekognition-detect-moderation-labels/crowd-rekognition-detect-moderation-labels.js';
import type { QuorumElementClass } from './internal/definition.js';

/** The image and document annotation elements, loaded lazily by the drop-in core bundle. */
export const spatialElementClasses: readonly QuorumElementClass[] = [
  CrowdBoundingBox,
  CrowdKeypoint,
  CrowdPolygon,
  CrowdLine,
  CrowdPolyline,
  CrowdImageClassifier,
  CrowdImageClassifierMultiSelect,
  WorkerComment,
  CrowdSemanticSegmentation,
  CrowdInstanceSegmentation,
  CrowdTextractAnalyzeDocument,
  CrowdRekognitionDetectModerationLabels,
];
