// Fine-tuning of the SSD heads; runs inside the training worker. A run is a chain of stages: the views'
// features (the frozen graph, once per view: cheap epochs after that, even on a phone), epoch 0 with the
// stock heads, then epochs of shuffled batches with early stopping; the best heads are returned.
import type * as tfTypes from '@tensorflow/tfjs';
import type { EpochState } from '../../model/model-store.ts';
import { orderedHeadTensors } from '../../model/ssd-heads.ts';
import { type EpochReport, hiddenWidthFor, type TrainedModel, type TrainSettings } from '../../model/trained-model.ts';
import { EarlyStopping } from './early-stopping.ts';
import { BatchSchedule, runEpoch, stepsPerEpoch, trainStep } from './epoch-loop.ts';
import { GraphRun, loadGraph } from './graph-run.ts';
import { HeadParameters } from './head-parameters.ts';
import { ProgressReporter, type TrainingProgress } from './training-progress.ts';
import { computeViews, type TrainingImage, type ViewSets, viewTensors } from './training-views.ts';
import { evaluateHeads } from './validation.ts';

type Tf = typeof tfTypes;

export interface TrainingResult {
  /** The best epoch's head weights, in a trained model's weights order. */
  weights: Float32Array;
  epochs: EpochReport[];
  bestEpoch: number;
  stockValMAP50: number | null;
  featuresMs: number;
}

/** Where a run stands after an epoch; the worker adds the backend and the time spent. */
export type TrainerState = Omit<EpochState, 'backend' | 'ms'>;

export interface TrainRun {
  train: readonly TrainingImage[];
  val: readonly TrainingImage[];
  settings: TrainSettings;
  /** Heads to start from (when not resuming); else the graph's own. */
  start?: TrainedModel | 'blank';
  /** Go on after this state's epoch. */
  resume?: EpochState;
  onProgress: (progress: TrainingProgress) => void;
  onEpoch: (report: EpochReport) => void;
  /** After each epoch: the state to go on from, or to keep the best heads of. */
  onCheckpoint?: (state: TrainerState) => void;
}

export class Trainer extends GraphRun {
  private readonly views: ViewSets = { train: [], val: [] };

  static async load(tf: Tf, modelUrl: string): Promise<Trainer> {
    return new Trainer(tf, await loadGraph(tf, modelUrl));
  }

  /**
   * The whole run: views, epoch 0 (the stock heads), epochs with early stopping; returns the best
   * heads. With `resume` it goes on after that state's epoch instead (the views are made again,
   * identically: their augmentations are seeded), and after every epoch it reports the state to go on from.
   */
  async train(run: TrainRun): Promise<TrainingResult> {
    const { train, val, settings, resume, onEpoch } = run;
    const { tf, views, checkpoint } = this;
    const classCount = settings.classes.length;
    const trainViews = train.length * settings.augmentCopies;
    const batchesPerEpoch = stepsPerEpoch(trainViews, settings.batchSize);
    const firstEpoch = (resume?.epoch ?? 0) + 1;
    const progress = new ProgressReporter(
      trainViews + val.length + batchesPerEpoch * Math.max(0, settings.epochs - firstEpoch + 1),
      run.onProgress,
    );

    const graph = { tf, model: this.model, anchorCorners: this.anchorCorners };
    await computeViews(graph, views, train, val, settings, checkpoint, () => progress.advance('features'));
    const featuresMs = progress.elapsedMs + (resume?.featuresMs ?? 0);

    const parameters = await HeadParameters.start(
      tf,
      this.model,
      settings.classes,
      settings.learningRate,
      resume ? undefined : run.start,
      // A resumed run's state holds the hidden path it was trained with (from the graph or a start model).
      {
        width: (resume ? hiddenWidthFor(classCount, resume.values.length) : settings.hidden) ?? 0,
        seed: settings.seed,
      },
    );
    if (resume) parameters.restore(resume);
    const evaluate = async () => {
      const heads = parameters.tensors(tf);
      try {
        return await evaluateHeads(tf, this.anchors, views.val, heads, settings.classes, checkpoint);
      } finally {
        tf.dispose(orderedHeadTensors(heads));
      }
    };

    const stopping = { validation: views.val.length > 0, epochs: settings.epochs, patience: settings.patience };
    const { stockValMAP50, best } = resume
      ? {
          stockValMAP50: resume.stockValMAP50,
          best: EarlyStopping.resumed(
            { epoch: resume.bestEpoch, score: resume.bestScore, weights: resume.best },
            stopping,
          ),
        }
      : await evaluate().then((zero) => ({
          stockValMAP50: zero.valMAP50,
          best: new EarlyStopping(parameters.values, zero, stopping),
        }));
    progress.stockValMAP50 = stockValMAP50;
    const schedule = new BatchSchedule(views.train, settings.batchSize, batchesPerEpoch, settings.seed);
    schedule.skip(firstEpoch - 1);
    const epochs: EpochReport[] = [...(resume?.epochs ?? [])];
    // A run that stopped between its last epoch and saving its model has nothing left to train.
    const more = !resume || best.continuesAfter(resume.epoch);
    for (let epoch = firstEpoch; more && epoch <= settings.epochs; epoch++) {
      const epochStarted = performance.now();
      const loss = await runEpoch(schedule.epoch(), async (batch) => {
        await checkpoint();
        const value = await trainStep(tf, parameters, batch, classCount);
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
      const goOn = best.offer(epoch, evaluation, parameters.values);
      run.onCheckpoint?.({
        ...parameters.snapshot(),
        epoch,
        epochs: [...epochs],
        stockValMAP50,
        bestEpoch: best.epoch,
        bestScore: best.bestScore,
        best: best.take().slice(),
        featuresMs,
      });
      if (!goOn) break;
    }
    progress.finish();
    return { weights: best.take(), epochs, bestEpoch: best.epoch, stockValMAP50, featuresMs };
  }

  /** Frees every cached activation and the graph; the trainer cannot be used after. */
  dispose() {
    const { tf } = this;
    for (const view of [...this.views.train, ...this.views.val]) tf.dispose(viewTensors(view));
    this.views.train = [];
    this.views.val = [];
    this.disposeGraph();
  }
}
