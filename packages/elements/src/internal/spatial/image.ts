import type { Size } from './geometry.js';

/** The state of a spatial element's image. */
export type ImageState =
  | { status: 'none' }
  | { status: 'loading'; src: string }
  | { status: 'loaded'; src: string; image: HTMLImageElement; size: Size }
  | { status: 'error'; src: string; message: string };

/**
 * Loads an image through the template's URL as given (signed S3 URLs included). No
 * `crossOrigin` is set: the image is only drawn, never read back, so a bucket without CORS
 * headers still works.
 */
export function loadImage(src: string): Promise<ImageState> {
  return new Promise((resolve) => {
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => {
      if (image.naturalWidth === 0 || image.naturalHeight === 0) {
        resolve({ status: 'error', src, message: `The image at ${shorten(src)} has no size; it cannot be annotated.` });
      } else {
        resolve({ status: 'loaded', src, image, size: { width: image.naturalWidth, height: image.naturalHeight } });
      }
    };
    image.onerror = () => {
      resolve({
        status: 'error',
        src,
        message: `The image could not be loaded from ${shorten(src)} (a missing file, an expired link or no network). This task cannot be submitted until it loads; reload the page or report the task.`,
      });
    };
    image.src = src;
  });
}

/** Long data URLs and signed URLs are cut so messages stay readable. */
function shorten(src: string): string {
  if (src.startsWith('data:')) return `a data URL (${src.slice(0, src.indexOf(',') + 1 || 30)}…)`;
  const withoutQuery = src.split('?')[0] ?? src;
  return withoutQuery.length > 120 ? `${withoutQuery.slice(0, 117)}…` : withoutQuery;
}
