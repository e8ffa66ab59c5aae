// The detector behind "AI assist": the model chosen for the live view (the default ball model, stock
// COCO "sports ball" or a fine-tuned one), loaded on first use, shared by every photo, reloaded when
// the choice changes. A photo is looked at whole and in a 2×2 grid of tiles (5 detector passes, once
// per photo), so small and far balls get proposed too.

import type { Detector } from '../../model/detector.ts';
import type { Detection } from '../../model/geometry.ts';
import { activeDetectorModel, activeModel, type ModelStore } from '../../model/model-store.ts';
import type { BackendInfo } from '../../shared/backend/backend-context.ts';

/** Lower than the live view's 0.5: a proposal costs one tap to reject, a miss costs a drawing. */
export const SUGGESTION_THRESHOLD = 0.3;

export class SuggestionSource {
  private detector: Promise<Detector> | undefined;
  private loadedModel = '';
  /** The backend the detector was loaded for: a new `ready` means the user switched or the GPU was lost. */
  private loadedFor: Promise<unknown> | undefined;

  /** Boxes the model sees in `blob`, in its pixels, labelled as the model labels them. */
  async detect(blob: Blob, backend: BackendInfo | undefined, models: ModelStore | undefined): Promise<Detection[]> {
    const wanted = activeModel.get();
    if (this.detector && (wanted !== this.loadedModel || backend?.ready !== this.loadedFor)) this.dispose();
    this.loadedModel = wanted;
    this.loadedFor = backend?.ready;
    this.detector ??= (async () => {
      await backend?.ready;
      const { createDetector } = await import('../../model/detector.ts');
      return createDetector({ model: await activeDetectorModel(models) });
    })();
    // A failed load must not stick: the next photo tries again.
    const detector = await this.detector.catch((error: unknown) => {
      this.detector = undefined;
      throw error;
    });
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    try {
      const { detectTiled } = await import('../../model/tiled-detection.ts');
      return await detectTiled(detector, bitmap, { threshold: SUGGESTION_THRESHOLD, grid: 2 });
    } finally {
      bitmap.close();
    }
  }

  dispose() {
    void this.detector?.then((detector) => detector.dispose()).catch(() => {});
    this.detector = undefined;
  }
}
