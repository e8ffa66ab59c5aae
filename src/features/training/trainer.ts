// Fine-tuning of the SSD heads; runs inside the training worker. A run is a chain of stages: the views'
// features (the frozen graph, once per view: cheap epochs after that, even on a phone), epoch 0 with the
// stock heads, then epochs of shuffled batches with early stopping; the best heads are returned.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Variable } from '@tensorflow/tfjs';
import { graphAnchors, type LevelHeads } from '../../model/ssd-heads.ts';
import type { EpochReport, TrainedModel, TrainSettings } from '../../model/trained-model.ts';
import { Cancelled } from '../../shared/cancelled.ts';
import { EarlyStopping } from './early-stopping.ts';
import { BatchSchedule, runEpoch, stepsPerEpoch, trainStep } from './epoch-loop.ts';
import { headVariables, trainableHeads } from './trainable-heads.ts';
import { ProgressReporter, type TrainingProgress } from './training-progress.ts';
import { computeViews, type TrainingImage, type ViewSets, viewTensors } from './training-views.ts';
import { evaluateHeads } from './validation.ts';

type Tf = typeof tfTypes;

export interface TrainingResult {
  /** The best epoch's heads; the caller disposes them. */
  heads: LevelHeads[];
  epochs: EpochReport[];
  bestEpoch: number;
  stockValMAP50: number | null;
  featuresMs: number;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

export class Trainer {
  paused = false;
  private cancelled = false;
  private readonly views: ViewSets = { train: [], val: [] };
  private variables: Variable[] = [];
  private optimizer: tfTypes.Optimizer | undefined;

  private constructor(
    private readonly tf: Tf,
    private readonly model: GraphModel,
    private readonly anchors: tfTypes.Tensor2D,
    private readonly anchorCorners: Float32Array,
  ) {}

  static async load(tf: Tf, modelUrl: string): Promise<Trainer> {
    const model = await tf.loadGraphModel(modelUrl);
    const anchors = graphAnchors(tf, model);
    return new Trainer(tf, model, anchors, (await anchors.data()) as Float32Array);
  }

  cancel() {
    this.cancelled = true;
    this.paused = false;
  }

  /** Between two pieces of work: lets messages (pause, cancel) in, waits while paused. */
  private readonly checkpoint = async () => {
    await pause();
    while (this.paused && !this.cancelled) await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.cancelled) throw new Cancelled('training was cancelled');
  };

  /** The whole run: views, epoch 0 (the stock heads), epochs with early stopping; returns the best heads. */
  async train(
    train: readonly TrainingImage[],
    val: readonly TrainingImage[],
    settings: TrainSettings,
    onProgress: (progress: TrainingProgress) => void,
    onEpoch: (report: EpochReport) => void,
    start?: TrainedModel,
  ): Promise<TrainingResult> {
    const { tf, views, checkpoint } = this;
    const classCount = settings.classes.length;
    const trainViews = train.length * settings.augmentCopies;
    const batchesPerEpoch = stepsPerEpoch(trainViews, settings.batchSize);
    const progress = new ProgressReporter(trainViews + val.length + batchesPerEpoch * settings.epochs, onProgress);

    const graph = { tf, model: this.model, anchorCorners: this.anchorCorners };
    await computeViews(graph, views, train, val, settings, checkpoint, () => progress.advance('features'));
    const featuresMs = progress.elapsedMs;

    const heads = trainableHeads(tf, this.model, settings.classes, start);
    this.variables = headVariables(heads);
    const optimizer = tf.train.adam(settings.learningRate);
    this.optimizer = optimizer;
    const evaluate = () => evaluateHeads(tf, this.anchors, views.val, heads, settings.classes, checkpoint);

    const zero = await evaluate();
    progress.stockValMAP50 = zero.valMAP50;
    const best = new EarlyStopping(tf, heads, zero, {
      validation: views.val.length > 0,
      epochs: settings.epochs,
      patience: settings.patience,
    });
    const schedule = new BatchSchedule(views.train, settings.batchSize, batchesPerEpoch, settings.seed);
    const epochs: EpochReport[] = [];
    try {
      for (let epoch = 1; epoch <= settings.epochs; epoch++) {
        const epochStarted = performance.now();
        const loss = await runEpoch(schedule.epoch(), async (batch) => {
          await checkpoint();
          const value = await trainStep(tf, optimizer, batch, heads, classCount);
          progress.advance('training', epoch);
          return value;
        });
        const evaluation = await evaluate();
        const report: EpochReport = {
          epoch,
          loss,
          valLoss: views.val.length ? evaluation.valLoss : null,
          valMAP50: evaluation.valMAP50,
          ms: Math.round(performance.now() - epochStarted),
        };
        epochs.push(report);
        onEpoch(report);
        if (!best.offer(epoch, evaluation, heads)) break;
      }
    } catch (error) {
      best.dispose();
      throw error;
    }
    progress.finish();
    return { heads: best.take(), epochs, bestEpoch: best.epoch, stockValMAP50: zero.valMAP50, featuresMs };
  }

  /** Frees every cached activation, variable and the graph; the trainer cannot be used after. */
  dispose() {
    const { tf } = this;
    for (const view of [...this.views.train, ...this.views.val]) tf.dispose(viewTensors(view));
    this.views.train = [];
    this.views.val = [];
    tf.dispose(this.variables);
    this.variables = [];
    this.optimizer?.dispose();
    this.anchors.dispose();
    this.model.dispose();
  }
}
