// `npm run check-labels` and `npm run noise-lab` in the harness page: the photos come as URLs (or one
// zip, read by the app's own import), mistakes are put in on request (box-noise.ts), and the run is the
// app's own label-check worker.
import { importArchive } from '../dataset/archive.ts';
import { type BoxNoiseKind, type InjectedError, injectBoxNoise } from '../dataset/box-noise.ts';
import type { LabeledBox } from '../dataset/dataset-store.ts';
import { LabelCheckClient } from '../features/training/label-check-client.ts';
import { asCheckPhoto, type CheckPhoto, type NoiseLabResult } from '../features/training/label-check-protocol.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelUrl } from '../model/model-variants.ts';
import { fetchTrainedModel } from '../model/trained-model.ts';
import type { BackendChoice } from '../shared/backend/backends.ts';

export interface HarnessPhoto {
  url: string;
  name: string;
  boxes: LabeledBox[];
  negative?: boolean;
}

/** The photos as the worker wants them; ids are the names the CLI prints. */
async function loadPhotos(source: { photos: HarnessPhoto[] } | { zipUrl: string }): Promise<CheckPhoto[]> {
  if ('zipUrl' in source) {
    const response = await fetch(source.zipUrl);
    if (!response.ok) throw new Error(`cannot read the zip (${response.status})`);
    const report = await importArchive(new Uint8Array(await response.arrayBuffer()));
    return report.images.map(({ name, ...image }) => asCheckPhoto({ ...image, id: name }));
  }
  return Promise.all(
    source.photos.map(async ({ url, name, boxes, negative = false }) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`cannot read ${name} (${response.status})`);
      const blob = await response.blob();
      const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
      const { width, height } = bitmap;
      bitmap.close();
      return { id: name, blob, width, height, boxes, negative };
    }),
  );
}

const graphUrl = () => new URL(modelUrl(DEFAULT_MODEL_VARIANT), location.href).href;
const classesOf = (photos: readonly CheckPhoto[]) =>
  [...new Set(photos.flatMap((photo) => photo.boxes.map((box) => box.label)))].sort();

export const labelCheckHarness = {
  /** The label checker on a dataset, after putting in the mistakes `inject` asks for (their list comes back). */
  async checkLabels(request: {
    source: { photos: HarnessPhoto[] } | { zipUrl: string };
    folds: number;
    seed: number;
    backend: BackendChoice;
    inject?: Partial<Record<BoxNoiseKind, number>>;
    epochs?: number;
  }) {
    let photos = await loadPhotos(request.source);
    let errors: InjectedError[] = [];
    if (request.inject)
      ({ images: photos, errors } = injectBoxNoise(photos, { rates: request.inject, seed: request.seed }));
    const client = new LabelCheckClient();
    try {
      const outcome = await client.check(
        {
          photos,
          classes: classesOf(photos),
          folds: request.folds,
          seed: request.seed,
          backend: request.backend,
          modelUrl: graphUrl(),
          start: await fetchTrainedModel(ballModelUrl()),
          ...(request.epochs ? { epochs: request.epochs } : {}),
        },
        () => {},
      );
      return { ...outcome, errors };
    } finally {
      client.terminate();
    }
  },

  /** The bad-labels lab: one fit per rate on corrupted training labels, scored on the clean validation photos. */
  async noiseLab(request: {
    train: HarnessPhoto[];
    val: HarnessPhoto[];
    kind: BoxNoiseKind;
    rates: number[];
    seed: number;
    epochs?: number;
    backend: BackendChoice;
  }) {
    const [train, val] = await Promise.all([
      loadPhotos({ photos: request.train }),
      loadPhotos({ photos: request.val }),
    ]);
    const client = new LabelCheckClient();
    const onResult = (result: NoiseLabResult) =>
      (window as unknown as { tamaOnNoiseResult?: (r: NoiseLabResult) => void }).tamaOnNoiseResult?.(result);
    try {
      return await client.noiseLab(
        {
          train,
          val,
          kind: request.kind,
          rates: request.rates,
          seed: request.seed,
          classes: classesOf([...train, ...val]),
          backend: request.backend,
          modelUrl: graphUrl(),
          ...(request.epochs ? { epochs: request.epochs } : {}),
        },
        () => {},
        onResult,
      );
    } finally {
      client.terminate();
    }
  },
};
