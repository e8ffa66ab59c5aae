// Photos of the sample dataset as the page would send them to the training worker, and small run
// settings: shared by the training tests (the app never imports this file).
import type { TrainSettings } from '../../model/trained-model.ts';
import type { TrainingImage } from './training-views.ts';

interface CocoFile {
  images: { id: number; file_name: string }[];
  annotations: { image_id: number; bbox: [number, number, number, number] }[];
}

/** The first `count` photos of the sample dataset's `split`, with their boxes. */
export async function sampleImages(split: 'train' | 'val', count: number): Promise<TrainingImage[]> {
  const coco = (await (await fetch(`/datasets/sample/${split}.json`)).json()) as CocoFile;
  return Promise.all(
    coco.images.slice(0, count).map(async (image) => ({
      id: `${split}-${image.id}`,
      blob: await (await fetch(`/datasets/sample/${image.file_name}`)).blob(),
      boxes: coco.annotations.filter((a) => a.image_id === image.id).map((a) => ({ box: a.bbox, label: 'ball' })),
    })),
  );
}

export const sampleSettings = (overrides: Partial<TrainSettings>): TrainSettings => ({
  classes: ['ball'],
  epochs: 4,
  batchSize: 4,
  learningRate: 0.002,
  augmentCopies: 1,
  patience: 10,
  seed: 1,
  base: 'f16',
  ...overrides,
});
