// A run's checkpoint from the page's side: what is saved with the state after each epoch (which
// photos, with which boxes, trained with which settings), how it becomes a model again (Keep), and
// the photos a resumed run trains on. The dataset is only read: a checkpoint lives in the model database.
import type { StoredImage } from '../../dataset/dataset-store.ts';
import type { EpochState, ModelStore, RunCheckpoint, SnapshotPhoto } from '../../model/model-store.ts';
import type { EpochReport, TrainedModel } from '../../model/trained-model.ts';
import type { TrainingImage } from './training-views.ts';

/** Where a run's state is kept between epochs, so a reload, a crash or a lost GPU does not lose it. */
export interface RunJournal {
  /** Replaces the saved state with the one after a newer epoch. */
  save(state: EpochState): Promise<void>;
  /** The user cancelled: the saved state goes too. */
  discard(): Promise<void>;
}

/** Everything of a checkpoint but the state: fixed when the run starts. */
export type RunIdentity = Omit<RunCheckpoint, 'state' | 'savedAt'>;

export const snapshotOf = (images: readonly TrainingImage[]): SnapshotPhoto[] =>
  images.map(({ id, boxes }) => ({ id: id ?? '', boxes }));

/** The kept epoch's validation mAP@0.5; the stock heads' when epoch 0 (the start) is kept. */
export const bestValMAP50 = (epochs: readonly EpochReport[], bestEpoch: number, stock: number | null): number | null =>
  epochs.find((e) => e.epoch === bestEpoch)?.valMAP50 ?? stock;

/** Saves the run's state after each epoch, with what it needs to be resumed or kept. */
export function checkpointJournal(store: ModelStore, run: RunIdentity): RunJournal {
  return {
    save: (state: EpochState) => store.saveRun({ ...run, savedAt: Date.now(), state }),
    discard: () => store.deleteRun(run.id),
  };
}

/**
 * The interrupted run's best heads as a model, marked as stopped at its last finished epoch. Without
 * validation photos nothing picks a best epoch, so (as at the end of such a run) the last one is kept.
 */
export async function keptModel(checkpoint: RunCheckpoint, name: string): Promise<TrainedModel> {
  // The model's code (and its zip writer) loads when a run is kept, not with the Train page.
  const { buildTrainedModel } = await import('../../model/trained-model.ts');
  const { state, photos, settings } = checkpoint;
  const validated = photos.val.length > 0;
  const bestEpoch = validated ? state.bestEpoch : state.epoch;
  return buildTrainedModel(
    {
      weights: validated ? state.best : state.values,
      metrics: {
        valMAP50: bestValMAP50(state.epochs, bestEpoch, state.stockValMAP50),
        stockValMAP50: state.stockValMAP50,
        bestEpoch,
        epochs: state.epochs,
        trainImages: photos.train.length,
        valImages: photos.val.length,
        backend: state.backend,
        ms: state.ms,
        featuresMs: state.featuresMs,
        stoppedAtEpoch: state.epoch,
      },
    },
    settings,
    name,
  );
}

/**
 * The run's photos as they are in the dataset now, with the boxes they were trained with; or how
 * many of them were deleted since (then the run cannot go on as it was).
 */
export function resumeImages(
  checkpoint: RunCheckpoint,
  images: readonly StoredImage[],
): { train: TrainingImage[]; val: TrainingImage[]; missing: number } {
  const byId = new Map(images.map((image) => [image.id, image]));
  let missing = 0;
  const find = (photos: readonly SnapshotPhoto[]) =>
    photos.flatMap(({ id, boxes }) => {
      const image = byId.get(id);
      if (!image) missing++;
      return image ? [{ id, blob: image.blob, boxes }] : [];
    });
  const train = find(checkpoint.photos.train);
  const val = find(checkpoint.photos.val);
  return { train, val, missing };
}
