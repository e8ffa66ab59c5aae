// The detector behind "AI assist": the model chosen for the live view (stock COCO "sports ball" or a
// fine-tuned one), loaded on first use, shared by every photo, reloaded when the choice changes.

import { createDetector, type Detector } from '../../model/detector.ts';
import type { Detection } from '../../model/geometry.ts';
import { activeModel, type ModelStore } from '../../model/model-store.ts';
import type { BackendInfo } from '../../shared/backend/backend-context.ts';

/** Lower than the live view's 0.5: a proposal costs one tap to reject, a miss costs a drawing. */
export const SUGGESTION_THRESHOLD = 0.3;

export class SuggestionSource {
  private detector: Promise<Detector> | undefined;
  private loadedModel = '';

  /** Boxes the model sees in `blob`, in its pixels, labelled as the model labels them. */
  async detect(blob: Blob, backend: BackendInfo | undefined, models: ModelStore | undefined): Promise<Detection[]> {
    const wanted = activeModel.get();
    if (this.detector && wanted !== this.loadedModel) this.dispose();
    this.loadedModel = wanted;
    this.detector ??= (async () => {
      await backend?.ready;
      const trained = wanted ? await models?.get(wanted) : undefined;
      return createDetector(trained ? { model: trained } : {});
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
