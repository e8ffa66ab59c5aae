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

function batchTensor(tf: Tf, images: Uint8Array, indices: ArrayLike<number>): tfTypes.Tensor {
  const pixels = new Float32Array(indices.length * PIXELS);
  for (let b = 0; b < indices.length; b++) {
    const source = (indices[b] as number) * PIXELS;
    for (let p = 0; p < PIXELS; p++) pixels[b * PIXELS + p] = (images[source + p] as number) / 255;
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
  const batchSize = options.batchSize ?? 64;
  const count = labels.length;
  const optimizer = tf.train.adam(0.001);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const random = new Random(options.seed * 31 + 7);
  const batches = Math.ceil(count / batchSize);
  const reports: MnistEpochReport[] = [];
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      // Big steps first, then finer ones: the last epochs settle instead of bouncing around.
      (optimizer as unknown as { learningRate: number }).learningRate = 0.001 * 0.7 ** (epoch - 1);
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        if (isCancelled()) throw new Cancelled('MNIST training was cancelled');
        const indices = order.subarray(b * batchSize, Math.min(count, (b + 1) * batchSize));
        const x = batchTensor(tf, images, indices);
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
        const loss = optimizer.minimize(() => {
          const logits = model.logits(x);
          predictions = tf.keep(logits.argMax(1));
          return tf.losses.softmaxCrossEntropy(y, logits) as tfTypes.Scalar;
        }, true) as tfTypes.Scalar;
        const matches = tf.tidy(() => (predictions as tfTypes.Tensor).equal(y.argMax(1)).sum());
        const [lossValue, matchCount] = await Promise.all([loss.data(), matches.data()]);
        tf.dispose([x, y, loss, matches, predictions as tfTypes.Tensor]);
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
