// Fine-tuning of the SSD heads; runs inside the training worker. The frozen part of COCO-SSD runs once
// per (photo, view) and its activations are kept, so an epoch only runs the small heads: cheap enough
// for a phone. Loss as in SSD: sigmoid cross-entropy on classes with 3:1 hard-negative mining, and
// smooth-L1 on the box encodings of matched anchors.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Variable } from '@tensorflow/tfjs';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import { decodeDetections } from '../../model/decode.ts';
import { averagePrecision, type ImageResult } from '../../model/evaluation.ts';
import {
  ACTIVATION_NODES,
  ANCHOR_COUNT,
  decodeBoxes,
  graphAnchors,
  headsFromGraph,
  type LevelHeads,
  runHeads,
} from '../../model/ssd-heads.ts';
import { anchorTargets, type NormalisedBox } from '../../model/ssd-targets.ts';
import type { EpochReport, TrainSettings } from '../../model/trained-model.ts';
import { Cancelled } from '../../shared/cancelled.ts';
import { Random } from '../../shared/random.ts';
import { augmentationFor, renderView } from './augment.ts';

type Tf = typeof tfTypes;

export interface TrainingImage {
  blob: Blob;
  boxes: LabeledBox[];
}

export interface TrainingProgress {
  phase: 'loading' | 'features' | 'training' | 'done';
  /** Work units done and to do in the whole run (views, then batches). */
  done: number;
  total: number;
  epoch?: number;
  etaMs?: number;
  /** Validation mAP@0.5 of the untouched COCO heads (epoch 0), once measured. */
  stockValMAP50?: number | null;
}

interface View {
  activations: Tensor[];
  classes: Int32Array;
  ignored: Uint8Array;
  encodings: Float32Array;
  positives: number;
  /** Ground truth in normalised corners × 1000 (IoU does not care about the scale). */
  truths: { box: [number, number, number, number]; label: string }[];
}

const NEGATIVES_PER_POSITIVE = 3;
/** A photo without balls still teaches "this is background" through its hardest anchors. */
const MIN_NEGATIVES = 8;
const EVAL_THRESHOLD = 0.01;
/** With a handful of photos an epoch would be one or two steps: too few to learn from. */
const MIN_STEPS_PER_EPOCH = 10;

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

export class Trainer {
  paused = false;
  private cancelled = false;
  private readonly views: { train: View[]; val: View[] } = { train: [], val: [] };
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

  private async checkpoint() {
    await pause();
    while (this.paused && !this.cancelled) await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.cancelled) throw new Cancelled('training was cancelled');
  }

  /** Runs the frozen graph on one view and keeps what the heads need. */
  private async makeView(bitmap: ImageBitmap, image: TrainingImage, seed: number, copy: number, classes: string[]) {
    const { tf } = this;
    const classOf = (label: string) => classes.indexOf(label) + 1;
    const { canvas, boxes } = renderView(bitmap, image.boxes, augmentationFor(seed, copy), classOf);
    const input = tf.tidy(() =>
      tf.browser
        .fromPixels(canvas as unknown as ImageBitmap)
        .toFloat()
        .div(127.5)
        .sub(1)
        .expandDims(0),
    );
    let activations: Tensor[];
    try {
      activations = this.model.execute({ 'Preprocessor/sub': input }, [...ACTIVATION_NODES]) as Tensor[];
    } finally {
      input.dispose();
    }
    // Make sure the work is done now, so progress and ETA mean something.
    await activations[activations.length - 1]?.data();
    const targets = anchorTargets(this.anchorCorners, boxes);
    return {
      activations,
      ...targets,
      truths: boxes.map(({ corners, classId }: NormalisedBox) => ({
        box: [
          corners[1] * 1000,
          corners[0] * 1000,
          (corners[3] - corners[1]) * 1000,
          (corners[2] - corners[0]) * 1000,
        ] as [number, number, number, number],
        label: classes[classId - 1] as string,
      })),
    };
  }

  /** The whole run: views, epoch 0 (the stock heads), epochs with early stopping; returns the best heads. */
  async train(
    train: readonly TrainingImage[],
    val: readonly TrainingImage[],
    settings: TrainSettings,
    onProgress: (progress: TrainingProgress) => void,
    onEpoch: (report: EpochReport) => void,
  ): Promise<{
    heads: LevelHeads[];
    epochs: EpochReport[];
    bestEpoch: number;
    stockValMAP50: number | null;
    featuresMs: number;
  }> {
    const { tf } = this;
    const classCount = settings.classes.length;
    const viewCount = train.length * settings.augmentCopies + val.length;
    const batchesPerEpoch = Math.max(
      MIN_STEPS_PER_EPOCH,
      Math.ceil((train.length * settings.augmentCopies) / settings.batchSize),
    );
    const total = viewCount + batchesPerEpoch * settings.epochs;
    let done = 0;
    const started = performance.now();
    let stockValMAP50: number | null | undefined;
    const report = (phase: TrainingProgress['phase'], epoch?: number) => {
      const elapsed = performance.now() - started;
      onProgress({
        phase,
        done,
        total,
        ...(epoch === undefined ? {} : { epoch }),
        ...(stockValMAP50 === undefined ? {} : { stockValMAP50 }),
        ...(done > 0 ? { etaMs: (elapsed / done) * (total - done) } : {}),
      });
    };

    for (const [set, images, copies] of [
      ['train', train, settings.augmentCopies],
      ['val', val, 1],
    ] as const) {
      for (const image of images) {
        const bitmap = await createImageBitmap(image.blob, { imageOrientation: 'from-image' });
        try {
          for (let copy = 0; copy < copies; copy++) {
            await this.checkpoint();
            this.views[set].push(
              await this.makeView(bitmap, image, settings.seed + this.views[set].length, copy, settings.classes),
            );
            done++;
            report('features');
          }
        } finally {
          bitmap.close();
        }
      }
    }

    const featuresMs = performance.now() - started;
    const initial = headsFromGraph(tf, this.model, classCount);
    const heads = initial.map(
      (head) =>
        Object.fromEntries(
          Object.entries(head).map(([key, tensor]) => [key, tf.variable(tensor as Tensor, true)]),
        ) as unknown as LevelHeads,
    );
    tf.dispose(initial.flatMap((head) => Object.values(head)));
    this.variables = heads.flatMap((head) => Object.values(head) as Variable[]);
    this.optimizer = tf.train.adam(settings.learningRate);

    const epochs: EpochReport[] = [];
    const zero = await this.evaluate(heads, classCount, settings.classes);
    stockValMAP50 = zero.valMAP50;
    let best = { epoch: 0, map: zero.valMAP50 ?? 0, loss: zero.valLoss, heads: await this.snapshot(heads) };
    // Better = higher validation mAP; at equal mAP (often 1.0 on easy sets) lower validation loss.
    const improves = (map: number, loss: number) =>
      map > best.map + 1e-9 || (Math.abs(map - best.map) <= 1e-9 && loss < best.loss);
    const order = this.views.train.map((_, i) => i);
    const random = new Random(settings.seed);

    try {
      for (let epoch = 1; epoch <= settings.epochs; epoch++) {
        const epochStarted = performance.now();
        // Whole shuffled passes over the views, as many as the epoch's steps need.
        const epochOrder: number[] = [];
        while (epochOrder.length < batchesPerEpoch * settings.batchSize && order.length) {
          for (let i = order.length - 1; i > 0; i--) {
            const j = random.int(0, i);
            [order[i], order[j]] = [order[j] as number, order[i] as number];
          }
          epochOrder.push(...order);
        }
        let lossSum = 0;
        let batches = 0;
        for (let step = 0; step < batchesPerEpoch; step++) {
          await this.checkpoint();
          const batch = epochOrder
            .slice(step * settings.batchSize, (step + 1) * settings.batchSize)
            .map((i) => this.views.train[i] as View);
          lossSum += await this.step(batch, heads, classCount);
          batches++;
          done++;
          report('training', epoch);
        }
        const evaluation = await this.evaluate(heads, classCount, settings.classes);
        const epochReport: EpochReport = {
          epoch,
          loss: lossSum / Math.max(1, batches),
          valLoss: this.views.val.length ? evaluation.valLoss : null,
          valMAP50: evaluation.valMAP50,
          ms: Math.round(performance.now() - epochStarted),
        };
        epochs.push(epochReport);
        onEpoch(epochReport);
        // Without validation photos there is nothing to choose by: the last epoch is kept.
        if (
          this.views.val.length ? improves(evaluation.valMAP50 ?? 0, evaluation.valLoss) : epoch === settings.epochs
        ) {
          tf.dispose(best.heads.flatMap((head) => Object.values(head)));
          best = { epoch, map: evaluation.valMAP50 ?? 0, loss: evaluation.valLoss, heads: await this.snapshot(heads) };
        } else if (this.views.val.length && epoch - best.epoch >= settings.patience) {
          break;
        }
      }
    } catch (error) {
      tf.dispose(best.heads.flatMap((head) => Object.values(head)));
      throw error;
    }
    done = total;
    report('done');
    return { heads: best.heads, epochs, bestEpoch: best.epoch, stockValMAP50: zero.valMAP50, featuresMs };
  }

  private async snapshot(heads: readonly LevelHeads[]): Promise<LevelHeads[]> {
    return heads.map(
      (head) =>
        Object.fromEntries(
          Object.entries(head).map(([key, tensor]) => [key, (tensor as Tensor).clone()]),
        ) as unknown as LevelHeads,
    );
  }

  /** Per-anchor classification loss [B, anchors] and the batch's stacked inputs and targets. */
  private batchTensors(batch: readonly View[], classCount: number) {
    const { tf } = this;
    return tf.tidy(() => {
      const activations = ACTIVATION_NODES.map((_, k) =>
        tf.concat(
          batch.map((view) => view.activations[k] as Tensor),
          0,
        ),
      );
      const classes = tf.tensor2d(
        Int32Array.from(batch.flatMap((view) => Array.from(view.classes))),
        [batch.length, ANCHOR_COUNT],
        'int32',
      );
      const targets = tf.oneHot(classes, 1 + classCount).toFloat();
      const positive = classes.greater(0).toFloat();
      const ignored = tf.tensor2d(Float32Array.from(batch.flatMap((view) => Array.from(view.ignored))), [
        batch.length,
        ANCHOR_COUNT,
      ]);
      const encodings = tf.tensor3d(Float32Array.from(batch.flatMap((view) => Array.from(view.encodings))), [
        batch.length,
        ANCHOR_COUNT,
        4,
      ]);
      return { activations, targets, positive, ignored, encodings };
    });
  }

  private classLoss(logits: Tensor, targets: Tensor): Tensor {
    const { tf } = this;
    // Numerically stable sigmoid cross-entropy, summed over the class columns of each anchor.
    return tf.tidy(() =>
      tf
        .relu(logits)
        .sub(logits.mul(targets))
        .add(tf.log1p(tf.exp(logits.abs().neg())))
        .sum(2),
    );
  }

  /** Which negatives count: per image the hardest 3 × positives (at least MIN_NEGATIVES). */
  private async hardNegatives(
    perAnchor: Tensor,
    positive: Tensor,
    ignored: Tensor,
    positives: readonly number[],
  ): Promise<Tensor> {
    const { tf } = this;
    const wanted = positives.map((p) =>
      Math.min(ANCHOR_COUNT / 2, Math.max(MIN_NEGATIVES, NEGATIVES_PER_POSITIVE * p)),
    );
    const k = Math.max(...wanted);
    // Positives and ignored anchors sink to −1e9: never among the hardest, never above a threshold.
    const negativeLoss = tf.tidy(() => {
      const excluded = positive.add(ignored).minimum(1);
      return perAnchor.mul(tf.scalar(1).sub(excluded)).sub(excluded.mul(1e9));
    });
    const top = tf.topk(negativeLoss, k);
    const values = (await top.values.data()) as Float32Array;
    tf.dispose([top.values, top.indices]);
    const thresholds = wanted.map((n, row) => values[row * k + n - 1] as number);
    return tf.tidy(() => {
      const mask = negativeLoss.greaterEqual(tf.tensor2d(thresholds, [thresholds.length, 1])).toFloat();
      negativeLoss.dispose();
      return mask;
    });
  }

  private lossOf(
    heads: readonly LevelHeads[],
    tensors: ReturnType<Trainer['batchTensors']>,
    negatives: Tensor,
    classCount: number,
  ): tfTypes.Scalar {
    const { tf } = this;
    const { encodings, logits } = runHeads(tf, tensors.activations, heads, classCount);
    const perAnchor = this.classLoss(logits, tensors.targets);
    const classLoss = perAnchor.mul(tensors.positive.add(negatives)).sum();
    const boxLoss = tf.losses
      .huberLoss(tensors.encodings, encodings, undefined, 1, tf.Reduction.NONE)
      .sum(2)
      .mul(tensors.positive)
      .sum();
    return classLoss.add(boxLoss).div(tf.maximum(tensors.positive.sum(), 1)) as tfTypes.Scalar;
  }

  /** A batch's stacked inputs and targets, and which negatives count under the current heads. */
  private async prepareBatch(batch: readonly View[], heads: readonly LevelHeads[], classCount: number) {
    const { tf } = this;
    const tensors = this.batchTensors(batch, classCount);
    const perAnchor = tf.tidy(() =>
      this.classLoss(runHeads(tf, tensors.activations, heads, classCount).logits, tensors.targets),
    );
    const negatives = await this.hardNegatives(
      perAnchor,
      tensors.positive,
      tensors.ignored,
      batch.map((view) => view.positives),
    );
    perAnchor.dispose();
    return { tensors, negatives };
  }

  private async step(batch: readonly View[], heads: readonly LevelHeads[], classCount: number): Promise<number> {
    const { tf } = this;
    const { tensors, negatives } = await this.prepareBatch(batch, heads, classCount);
    const loss = (this.optimizer as tfTypes.Optimizer).minimize(
      () => this.lossOf(heads, tensors, negatives, classCount),
      true,
      this.variables,
    ) as tfTypes.Scalar;
    const value = (await loss.data())[0] as number;
    tf.dispose([
      loss,
      negatives,
      tensors.targets,
      tensors.positive,
      tensors.ignored,
      tensors.encodings,
      ...tensors.activations,
    ]);
    return value;
  }

  /** Validation loss and mAP@0.5 with the heads as they are now. */
  private async evaluate(
    heads: readonly LevelHeads[],
    classCount: number,
    classes: readonly string[],
  ): Promise<{ valLoss: number; valMAP50: number | null }> {
    const { tf } = this;
    const views = this.views.val;
    if (!views.length) return { valLoss: 0, valMAP50: null };
    const results: ImageResult[] = [];
    let lossSum = 0;
    for (let start = 0; start < views.length; start += 8) {
      await this.checkpoint();
      const batch = views.slice(start, start + 8);
      const { tensors, negatives } = await this.prepareBatch(batch, heads, classCount);
      const [loss, scores, boxes] = tf.tidy(() => {
        const { encodings, logits } = runHeads(tf, tensors.activations, heads, classCount);
        return [
          this.lossOf(heads, tensors, negatives, classCount).mul(batch.length),
          tf.sigmoid(logits.slice([0, 0, 1], [-1, -1, -1])),
          decodeBoxes(tf, this.anchors, encodings),
        ];
      });
      const [lossValue, scoreValues, boxValues] = await Promise.all([loss.data(), scores.data(), boxes.data()]);
      tf.dispose([
        loss,
        scores,
        boxes,
        negatives,
        tensors.targets,
        tensors.positive,
        tensors.ignored,
        tensors.encodings,
        ...tensors.activations,
      ]);
      lossSum += lossValue[0] as number;
      batch.forEach((view, b) => {
        const detections = decodeDetections(
          scoreValues.subarray(b * ANCHOR_COUNT * classCount, (b + 1) * ANCHOR_COUNT * classCount),
          boxValues.subarray(b * ANCHOR_COUNT * 4, (b + 1) * ANCHOR_COUNT * 4),
          {
            labels: classes,
            threshold: EVAL_THRESHOLD,
            width: 1000,
            height: 1000,
            iouThreshold: 0.5,
            maxDetections: 20,
          },
        );
        results.push({ truths: view.truths, detections });
      });
    }
    const labels = [...new Set(results.flatMap((r) => r.truths.map((t) => t.label)))];
    const valMAP50 = labels.length
      ? labels.reduce((sum, label) => sum + averagePrecision(results, label, 0.5), 0) / labels.length
      : null;
    return { valLoss: lossSum / views.length, valMAP50 };
  }

  /** Frees every cached activation, variable and the graph; the trainer cannot be used after. */
  dispose() {
    const { tf } = this;
    for (const view of [...this.views.train, ...this.views.val]) tf.dispose(view.activations);
    this.views.train = [];
    this.views.val = [];
    tf.dispose(this.variables);
    this.variables = [];
    this.optimizer?.dispose();
    this.anchors.dispose();
    this.model.dispose();
  }
}
