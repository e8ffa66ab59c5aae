// The MNIST worker: the real data (60,000 + 10,000 digits) and every training run live here.
import { expose } from 'comlink';
import { loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { DownloadMeter, type DownloadProgress } from '../../shared/download-progress.ts';
import { keepProblemsAcrossWorkers } from '../../shared/workers/problem-transfer.ts';
import { loadMnist, type MnistSplit } from './idx.ts';
import { injectLabelNoise } from './label-noise.ts';
import { MnistModel } from './mnist-model.ts';
import type { MnistTrainOptions, MnistWorkerApi, Suspect } from './mnist-protocol.ts';
import { evaluateModel, fitModel } from './mnist-training.ts';

let data: Promise<{ train: MnistSplit; test: MnistSplit }> | undefined;
/** The digits, downloaded once per worker; the first caller's `onDownload` hears the bytes arrive. */
const dataset = (onDownload: (progress: DownloadProgress) => void = () => {}) => {
  const meter = new DownloadMeter(onDownload);
  data ??= Promise.all([loadMnist('train', undefined, meter), loadMnist('test', undefined, meter)]).then(
    ([train, test]) => ({ train, test }),
  );
  return data;
};
let cancelled = false;
let drawModel: MnistModel | undefined;

function perDigit(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label] = (counts[label] as number) + 1;
  return counts;
}

async function prepare(options: MnistTrainOptions) {
  const tf = await loadTf();
  const backend = (await selectBackend(options.backend)).active;
  const { train, test } = await dataset();
  const trainCount = Math.min(train.count, options.trainCount ?? train.count);
  const testCount = Math.min(test.count, options.testCount ?? test.count);
  const labels = train.labels.subarray(0, trainCount);
  const noisy = injectLabelNoise(labels, options.noise, options.noiseKind, options.seed);
  return { tf, backend, train, test, trainCount, testCount, noisy };
}

const api: MnistWorkerApi = {
  async info(onDownload) {
    const { train, test } = await dataset(onDownload);
    const samples = Array.from({ length: 10 }, (_, digit) => {
      const found: Uint8Array[] = [];
      for (let i = 0; i < train.count && found.length < 8; i++)
        if (train.labels[i] === digit) found.push(train.images.slice(i * 784, (i + 1) * 784));
      return found;
    });
    return {
      trainCount: train.count,
      testCount: test.count,
      trainPerDigit: perDigit(train.labels),
      testPerDigit: perDigit(test.labels),
      samples,
    };
  },

  async train(options, onProgress, onEpoch) {
    cancelled = false;
    const { tf, backend, train, test, trainCount, testCount, noisy } = await prepare(options);
    const model = new MnistModel(tf, options.seed);
    try {
      const epochs = await fitModel(
        tf,
        model,
        train.images,
        noisy.labels,
        test,
        options,
        () => cancelled,
        onProgress,
        onEpoch,
      );
      const evaluation = await evaluateModel(tf, model, test, testCount);
      const weights = await model.weights();
      drawModel?.dispose();
      drawModel = new MnistModel(tf, options.seed, weights);
      return {
        trainCount,
        testCount,
        testAccuracy: evaluation.accuracy,
        msPerEpoch: Math.round(epochs.reduce((sum, e) => sum + e.ms, 0) / Math.max(1, epochs.length)),
        backend,
        noise: options.noise,
        noiseKind: options.noiseKind,
        flipped: noisy.flipped.length,
        epochs,
        confusion: evaluation.confusion,
        misclassified: evaluation.misclassified,
        weights,
      };
    } finally {
      model.dispose();
    }
  },

  async suspicious(options, count) {
    cancelled = false;
    const { tf, train, test, trainCount, noisy } = await prepare(options);
    const half = Math.floor(trainCount / 2);
    const folds = [
      [0, half],
      [half, trainCount],
    ] as const;
    const suspects: Suspect[] = [];
    for (const [start, end] of folds) {
      // Train on the other half only: a model never judges a label it has learned.
      const other = [
        ...Array.from({ length: start }, (_, i) => i),
        ...Array.from({ length: trainCount - end }, (_, i) => end + i),
      ];
      const images = new Uint8Array(other.length * 784);
      const labels = new Uint8Array(other.length);
      other.forEach((source, i) => {
        images.set(train.images.subarray(source * 784, (source + 1) * 784), i * 784);
        labels[i] = noisy.labels[source] as number;
      });
      const model = new MnistModel(tf, options.seed + start);
      try {
        await fitModel(
          tf,
          model,
          images,
          labels,
          test,
          { ...options, testCount: 0 },
          () => cancelled,
          () => {},
          () => {},
        );
        const fold = {
          count: end - start,
          images: train.images.subarray(start * 784, end * 784),
          labels: noisy.labels.subarray(start, end),
        };
        const probabilities = await evaluateModel(tf, model, fold, fold.count, true);
        for (let i = 0; i < fold.count; i++) {
          const row = probabilities.probabilities?.subarray(i * 10, i * 10 + 10) as Float32Array;
          const label = fold.labels[i] as number;
          let predicted = 0;
          for (let d = 1; d < 10; d++) if ((row[d] as number) > (row[predicted] as number)) predicted = d;
          suspects.push({
            index: start + i,
            label,
            original: train.labels[start + i] as number,
            predicted,
            labelProbability: row[label] as number,
          });
        }
      } finally {
        model.dispose();
      }
    }
    suspects.sort((a, b) => a.labelProbability - b.labelProbability);
    const top = suspects.slice(0, count);
    return { suspects: top, flippedAmongThem: top.filter((s) => s.label !== s.original).length };
  },

  async useWeights(weights) {
    const tf = await loadTf();
    drawModel?.dispose();
    drawModel = new MnistModel(tf, 0, weights);
  },

  async predict(pixels) {
    const tf = await loadTf();
    if (!drawModel) throw new Error('no trained MNIST model yet');
    const model = drawModel;
    const probabilities = tf.tidy(() => tf.softmax(model.logits(tf.tensor4d(pixels, [1, 28, 28, 1]))));
    const values = Array.from(await probabilities.data());
    probabilities.dispose();
    return values;
  },

  async digits(split, indices) {
    const source = (await dataset())[split];
    return indices.map((i) => source.images.slice(i * 784, (i + 1) * 784));
  },

  cancel() {
    cancelled = true;
  },

  async memory() {
    const { numTensors, numBytes } = (await loadTf()).memory();
    return { numTensors, numBytes };
  },
};

keepProblemsAcrossWorkers();
expose(api);
