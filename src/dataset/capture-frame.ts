// Kept apart from the store: it needs the page's media elements, and the store is also used in workers.
import { ProblemError, problem } from '../shared/problem.ts';

/** A JPEG of what `source` shows now, at most `maxSide` pixels on its longer side. */
export async function captureFrame(
  source: HTMLVideoElement | HTMLImageElement,
  maxSide = 1280,
): Promise<{ blob: Blob; width: number; height: number }> {
  const sourceWidth = source instanceof HTMLVideoElement ? source.videoWidth : source.naturalWidth;
  const sourceHeight = source instanceof HTMLVideoElement ? source.videoHeight : source.naturalHeight;
  if (!sourceWidth || !sourceHeight) throw new ProblemError(problem('image.notReady', 'no picture to capture yet'));
  const scale = Math.min(1, maxSide / Math.max(sourceWidth, sourceHeight));
  const width = Math.round(sourceWidth * scale);
  const height = Math.round(sourceHeight * scale);
  const canvas = new OffscreenCanvas(width, height);
  (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).drawImage(source, 0, 0, width, height);
  return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 }), width, height };
}
