// Short fits of the heads, for the label checker and the bad-labels lab: the same views, steps and
// decoding as a training run (trainer.ts), but many small fits on chosen sets of views instead of one
// run with early stopping, and detections on views the fit never saw. Runs inside a worker.
import type * as tfTypes from '@tensorflow/tfjs';
import { cropFeatures } from '../../model/ball-verifier.ts';
import type { Box, Detection } from '../../model/geometry.ts';
import { orderedHeadTensors } from '../../model/ssd-heads.ts';
import type { TrainedModel, TrainSettings } from '../../model/trained-model.ts';
import { BatchSchedule, runEpoch, stepsPerEpoch, trainStep } from './epoch-loop.ts';
import { GraphRun, loadGraph } from './graph-run.ts';
import { HeadParameters } from './head-parameters.ts';
import { computeViews, type TrainingImage, type View, type ViewSets, viewTensors } from './training-views.ts';
import { predictViews } from './validation.ts';

type Tf = typeof tfTypes;

/** The class of a box is in the ball itself: its description sees a little around it, not the scene. */
const BOX_CONTEXTS = [1.1, 1.6];
export const BOX_FEATURES = BOX_CONTEXTS.length * 1856;

/** Detections this unsure still count: a label the model barely sees is the point of the checker. */
const DETECT_FROM = 0.05;

export type FitSettings = Pick<
  TrainSettings,
  'classes' | 'epochs' | 'batchSize' | 'learningRate' | 'augmentCopies' | 'seed'
>;

/** A short fit's settings: the Train page's batch and learning rate, with these classes, epochs and views. */
export const fitSettings = (classes: string[], epochs: number, augmentCopies: number, seed: number): FitSettings => ({
  classes,
  epochs,
  batchSize: 8,
  learningRate: 0.001,
  augmentCopies,
  seed,
});

export class HeadFits extends GraphRun {
  /** Every view made and not yet released, so a cancelled run frees them all. */
  private readonly live = new Set<View>();

  static async load(tf: Tf, modelUrl: string): Promise<HeadFits> {
    return new HeadFits(tf, await loadGraph(tf, modelUrl));
  }

  /**
   * The views of `images`: `augmentCopies` training views each (`for: 'training'`), or one whole-photo
   * view each that the heads can be run on (`for: 'detection'`). They stay until `release`.
   */
  async views(
    images: readonly TrainingImage[],
    settings: Pick<FitSettings, 'augmentCopies' | 'seed' | 'classes'>,
    purpose: 'training' | 'detection',
    onView: () => void = () => {},
  ): Promise<View[]> {
    const sets: ViewSets = { train: [], val: [] };
    const graph = { tf: this.tf, model: this.model, anchorCorners: this.anchorCorners };
    const [train, val] = purpose === 'training' ? [images, []] : [[], images];
    try {
      await computeViews(graph, sets, train, val, settings, this.checkpoint, onView);
    } finally {
      for (const view of [...sets.train, ...sets.val]) this.live.add(view);
    }
    return purpose === 'training' ? sets.train : sets.val;
  }

  release(views: readonly View[]): void {
    for (const view of views) {
      if (!this.live.delete(view)) continue;
      this.tf.dispose(viewTensors(view));
    }
  }

  /** `settings.epochs` epochs of the heads on `views` from `start` (the graph's own heads when left out). */
  async fit(
    views: readonly View[],
    settings: FitSettings,
    start: TrainedModel | 'blank' | undefined,
    onStep: () => void = () => {},
  ): Promise<HeadParameters> {
    const { tf } = this;
    const parameters = await HeadParameters.start(tf, this.model, settings.classes, settings.learningRate, start);
    const steps = stepsPerEpoch(views.length, settings.batchSize);
    const schedule = new BatchSchedule(views, settings.batchSize, steps, settings.seed);
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      await runEpoch(schedule.epoch(), async (batch) => {
        await this.checkpoint();
        const loss = await trainStep(tf, parameters, batch, settings.classes.length);
        onStep();
        return loss;
      });
    }
    return parameters;
  }

  /** What `parameters` detect on each of `views` (made `for: 'detection'`), normalised × 1000. */
  async detect(
    parameters: HeadParameters,
    views: readonly View[],
    classes: readonly string[],
    { threshold = DETECT_FROM, maxDetections = 50 } = {},
  ): Promise<Detection[][]> {
    const { tf } = this;
    const heads = parameters.tensors(tf);
    try {
      const predictions = await predictViews(tf, this.anchors, views, heads, classes, this.checkpoint, {
        threshold,
        maxDetections,
      });
      return predictions.detections;
    } finally {
      tf.dispose(orderedHeadTensors(heads));
    }
  }

  /**
   * A description of each box on the photo (the verifier's pooled crop features, VERIFIER_FEATURES
   * numbers per box, row after row): what the checker tells classes apart by.
   */
  async boxFeatures(blob: Blob, boxes: readonly Box[]): Promise<Float32Array> {
    if (!boxes.length) return new Float32Array();
    await this.checkpoint();
    const { tf } = this;
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    try {
      const pixels = tf.browser.fromPixels(bitmap);
      const features = tf.tidy(() =>
        tf.concat(
          BOX_CONTEXTS.map((context) => cropFeatures(tf, this.model, pixels, boxes, bitmap, context)),
          1,
        ),
      );
      pixels.dispose();
      const values = (await features.data()) as Float32Array;
      features.dispose();
      return values;
    } finally {
      bitmap.close();
    }
  }

  /** Steps one fit of `views` takes: for progress. */
  static steps(views: number, settings: Pick<FitSettings, 'epochs' | 'batchSize'>): number {
    return settings.epochs * stepsPerEpoch(views, settings.batchSize);
  }

  /** Frees every view still held and the graph; nothing can be fitted after. */
  dispose(): void {
    this.release([...this.live]);
    this.disposeGraph();
  }
}
