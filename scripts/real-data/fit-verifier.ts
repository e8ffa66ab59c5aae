// Fits the verifier's small layer (src/model/ball-verifier.ts) to described boxes, with TF.js on the CPU
// in Node: a few thousand rows of 1,856 numbers take a few minutes. Seeded: the same examples give the
// same weights. Keeps the epoch with the lowest validation loss.
import * as tf from '@tensorflow/tfjs';
import { VERIFIER_FEATURES, type VerifierWeights } from '../../src/model/ball-verifier.ts';
import { shuffled } from './mix.ts';
import type { VerifierExamples } from './verifier-data.ts';

export interface FitOptions {
  hidden: number;
  epochs: number;
  seed: number;
}

export interface FitResult {
  weights: VerifierWeights;
  bestEpoch: number;
  valLoss: number;
  valAccuracy: number;
}

function matrix(examples: VerifierExamples): tf.Tensor2D {
  const flat = new Float32Array(examples.features.length * VERIFIER_FEATURES);
  for (const [i, row] of examples.features.entries()) flat.set(row, i * VERIFIER_FEATURES);
  return tf.tensor2d(flat, [examples.features.length, VERIFIER_FEATURES]);
}

export async function fitVerifier(
  train: VerifierExamples,
  val: VerifierExamples,
  options: FitOptions,
  log: (line: object) => void,
): Promise<FitResult> {
  await tf.setBackend('cpu');
  const order = shuffled(
    train.labels.map((_, i) => i),
    options.seed,
  );
  const ordered: VerifierExamples = {
    features: order.map((i) => train.features[i] as Float32Array),
    labels: order.map((i) => train.labels[i] as number),
    photo: order.map((i) => train.photo[i] as number),
  };
  const raw = matrix(ordered);
  const mean = raw.mean(0);
  const scale = tf.tidy(() => tf.scalar(1).div(tf.sqrt(raw.sub(mean).square().mean(0)).add(1e-3)));
  const x = tf.tidy(() => raw.sub(mean).mul(scale));
  const y = tf.tensor2d(ordered.labels, [ordered.labels.length, 1]);
  const xVal = tf.tidy(() => matrix(val).sub(mean).mul(scale));
  const yVal = tf.tensor2d(val.labels, [val.labels.length, 1]);
  raw.dispose();
  const seed = options.seed;
  const model = tf.sequential({
    layers: [
      tf.layers.dropout({ inputShape: [VERIFIER_FEATURES], rate: 0.2, seed }),
      tf.layers.dense({
        units: options.hidden,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
        kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }),
      }),
      tf.layers.dropout({ rate: 0.3, seed: seed + 1 }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  let best = { epoch: -1, loss: Number.POSITIVE_INFINITY, accuracy: 0, values: [] as Float32Array[] };
  await model.fit(x, y, {
    epochs: options.epochs,
    batchSize: 256,
    shuffle: false,
    validationData: [xVal, yVal],
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        const loss = logs?.val_loss ?? Number.POSITIVE_INFINITY;
        const accuracy = logs?.val_acc ?? 0;
        log({
          verifierEpoch: epoch,
          loss: logs?.loss?.toFixed(4),
          valLoss: loss.toFixed(4),
          valAccuracy: accuracy.toFixed(3),
        });
        if (loss < best.loss) {
          const values = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
          best = { epoch, loss, accuracy, values };
        }
      },
    },
  });
  const [kernel, bias, out, outBias] = best.values as [Float32Array, Float32Array, Float32Array, Float32Array];
  const weights: VerifierWeights = {
    hidden: options.hidden,
    mean: (await mean.data()) as Float32Array,
    scale: (await scale.data()) as Float32Array,
    kernel,
    bias,
    out,
    outBias: outBias[0] as number,
  };
  tf.dispose([mean, scale, x, y, xVal, yVal]);
  model.dispose();
  return { weights, bestEpoch: best.epoch, valLoss: best.loss, valAccuracy: best.accuracy };
}
