// The detector behind "AI assist", loaded on first use and shared by every photo of the session.
import type { BackendInfo } from '../../shared/backend/backend-context.ts';
import { createDetector, type Detector } from '../detection/detector.ts';
import type { Detection } from '../detection/geometry.ts';

/** Lower than the live view's 0.5: a proposal costs one tap to reject, a miss costs a drawing. */
export const SUGGESTION_THRESHOLD = 0.3;

export class SuggestionSource {
  private detector: Promise<Detector> | undefined;

  /** Boxes the model sees in `blob`, in its pixels. */
  async detect(blob: Blob, backend: BackendInfo | undefined): Promise<Detection[]> {
    this.detector ??= (async () => {
      await backend?.ready;
      return createDetector();
    })();
    // A failed load must not stick: the next photo tries again.
    const detector = await this.detector.catch((error: unknown) => {
      this.detector = undefined;
      throw error;
    });
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    try {
      return await detector.detect(bitmap, { threshold: SUGGESTION_THRESHOLD });
    } finally {
      bitmap.close();
    }
  }

  dispose() {
    void this.detector?.then((detector) => detector.dispose()).catch(() => {});
    this.detector = undefined;
  }
}
