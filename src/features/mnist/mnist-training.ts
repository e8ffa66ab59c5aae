// The MNIST training loop and the test-set evaluation; run inside the MNIST worker.
import type * as tfTypes from '@tensorflow/tfjs';
import { Cancelled } from '../../shared/cancelled.ts';
import { Random } from '../../shared/random.ts';
import type { MnistSplit } from './idx.ts';
import type { MnistModel } from './mnist-model.ts';
import type { Misclassified, MnistEpochReport, MnistProgress, MnistTrainOptions } from './mnist-protocol.ts';

type Tf = typeof tfTypes;

const PIXELS = 784;
/** Test digits scored after every epoch for the live chart; the full 10,000 are scored at the end. */
const EPOCH_TEST = 1000;
const DEFAULT_BATCH = 128;
export const PEAK_RATE = 0.003;
const WARMUP = 0.1;
const FINAL = 0.01;
/**
 * The training targets give the true digit 0.91 and each other digit 0.01: the model is no longer
 * pushed towards ever larger logits for digits it already gets right, which in a run of a few epochs
 * is worth about 0.2 points of test accuracy (measured on digits held out of training).
 */
const LABEL_SMOOTHING = 0.1;
/** Every training digit is moved by up to this many pixels, a new draw each time it is seen. */
const SHIFT = 1;

/**
 * One cycle over the whole run (`progress` 0…1): a short warm-up to the peak rate, which Adam's first,
 * poorly estimated steps could not take, then a cosine down to a hundredth of it, so the last steps
 * settle into a minimum instead of bouncing around it.
 */
export function learningRateAt(progress: number): number {
  if (progress < WARMUP) return PEAK_RATE * (0.1 + (0.9 * progress) / WARMUP);
  const cosine = 0.5 * (1 + Math.cos((Math.PI * (progress - WARMUP)) / (1 - WARMUP)));
  return PEAK_RATE * (FINAL + (1 - FINAL) * cosine);
}

/** The digits at `indices` as 0…1 pixels; with `shifts`, each moved by up to SHIFT pixels (blank edges). */
function batchTensor(tf: Tf, images: Uint8Array, indices: ArrayLike<number>, shifts?: Random): tfTypes.Tensor {
  const pixels = new Float32Array(indices.length * PIXELS);
  for (let b = 0; b < indices.length; b++) {
    const source = (indices[b] as number) * PIXELS;
    const dx = shifts ? shifts.int(-SHIFT, SHIFT) : 0;
    const dy = shifts ? shifts.int(-SHIFT, SHIFT) : 0;
    for (let row = Math.max(0, dy); row < Math.min(28, 28 + dy); row++)
      for (let col = Math.max(0, dx); col < Math.min(28, 28 + dx); col++)
        pixels[b * PIXELS + row * 28 + col] = (images[source + (row - dy) * 28 + col - dx] as number) / 255;
  }
  return tf.tensor4d(pixels, [indices.length, 28, 28, 1]);
}

export async function fitModel(
  tf: Tf,
  model: MnistModel,
  images: Uint8Array,
  labels: Uint8Array,
  test: MnistSplit,
  options: MnistTrainOptions,
  isCancelled: () => boolean,
  onProgress: (progress: MnistProgress) => void,
  onEpoch: (report: MnistEpochReport) => void,
): Promise<MnistEpochReport[]> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const count = labels.length;
  const optimizer = tf.train.adam(PEAK_RATE);
  const rate = optimizer as unknown as { learningRate: number };
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const random = new Random(options.seed * 31 + 7);
  const batches = Math.ceil(count / batchSize);
  const reports: MnistEpochReport[] = [];
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        if (isCancelled()) throw new Cancelled('MNIST training was cancelled');
        rate.learningRate = learningRateAt(((epoch - 1) * batches + b) / (options.epochs * batches));
        const indices = order.subarray(b * batchSize, Math.min(count, (b + 1) * batchSize));
        const x = batchTensor(tf, images, indices, random);
        const y = tf.tidy(() =>
          tf.oneHot(
            tf.tensor1d(
              Array.from(indices, (i) => labels[i] as number),
              'int32',
            ),
            10,
          ),
        );
        let predictions: tfTypes.Tensor | undefined;
        let loss: tfTypes.Tensor | undefined;
        optimizer.minimize(() => {
          const logits = model.logits(x);
          predictions = tf.keep(logits.argMax(1));
          // The chart shows the plain cross-entropy on the given labels, as with any classifier.
          loss = tf.keep(tf.losses.softmaxCrossEntropy(y, logits));
          return tf.losses.softmaxCrossEntropy(y, logits, undefined, LABEL_SMOOTHING) as tfTypes.Scalar;
        });
        const matches = tf.tidy(() => (predictions as tfTypes.Tensor).equal(y.argMax(1)).sum());
        const [lossValue, matchCount] = await Promise.all([(loss as tfTypes.Tensor).data(), matches.data()]);
        tf.dispose([x, y, loss as tfTypes.Tensor, matches, predictions as tfTypes.Tensor]);
        lossSum += (lossValue[0] as number) * indices.length;
        correct += matchCount[0] as number;
        if (b % 10 === 0 || b === batches - 1) onProgress({ epoch, batch: b + 1, batches });
      }
      const testAccuracy =
        options.testCount === 0 ? 0 : (await evaluateModel(tf, model, test, Math.min(EPOCH_TEST, test.count))).accuracy;
      const report = {
        epoch,
        loss: lossSum / count,
        trainAccuracy: correct / count,
        testAccuracy,
        ms: Math.round(performance.now() - started),
      };
      reports.push(report);
      onEpoch(report);
    }
  } finally {
    optimizer.dispose();
  }
  return reports;
}

export interface Evaluation {
  accuracy: number;
  confusion: number[][];
  misclassified: Misclassified[];
  probabilities?: Float32Array;
}

/** Accuracy, confusion matrix and the misclassified digits over the first `count` of `split`. */
export async function evaluateModel(
  tf: Tf,
  model: MnistModel,
  split: Pick<MnistSplit, 'images' | 'labels'>,
  count: number,
  keepProbabilities = false,
): Promise<Evaluation> {
  const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  const misclassified: Misclassified[] = [];
  const probabilities = keepProbabilities ? new Float32Array(count * 10) : undefined;
  let correct = 0;
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const indices = Uint32Array.from({ length: Math.min(batch, count - start) }, (_, i) => start + i);
    const x = batchTensor(tf, split.images, indices);
    const probs = tf.tidy(() => tf.softmax(model.logits(x)));
    const values = (await probs.data()) as Float32Array;
    tf.dispose([x, probs]);
    probabilities?.set(values, start * 10);
    indices.forEach((index, b) => {
      const row = values.subarray(b * 10, b * 10 + 10);
      let predicted = 0;
      for (let d = 1; d < 10; d++) if ((row[d] as number) > (row[predicted] as number)) predicted = d;
      const label = split.labels[index] as number;
      (confusion[label] as number[])[predicted]++;
      if (predicted === label) correct++;
      else if (misclassified.length < 200)
        misclassified.push({ index, label, predicted, confidence: row[predicted] as number });
    });
  }
  return {
    accuracy: count ? correct / count : 0,
    confusion,
    misclassified,
    ...(probabilities ? { probabilities } : {}),
  };
}
