// A second look at each box the detector proposes. The detector's 1×1 heads judge one grid cell of
// frozen features, which made anything round and shaded a "ball" (apples, faces, helmets). The verifier
// runs the same backbone again on a zoomed crop around the box (with some surroundings), pools what it
// sees, and a small trained layer says ball or not; a box it doubts loses score (detector.ts, VETO_BELOW).
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel, Tensor, Tensor2D } from '@tensorflow/tfjs';
import { trackLoad } from '../shared/page-loads.ts';
import type { Box } from './geometry.ts';
import { INPUT_NODE } from './graph-runners.ts';

type Tf = typeof tfTypes;

/** The graph nodes pooled into a crop's description: the backbone at stride 16 (576) and 32 (1280). */
export const VERIFIER_NODES = [
  'BoxPredictor_0/ClassPredictor_depthwise/Relu6',
  'BoxPredictor_1/ClassPredictor_depthwise/Relu6',
] as const;
export const VERIFIER_FEATURES = 576 + 1280;
/** The crop's side in pixels: a quarter of the detector's 300², so a second look costs little. */
export const VERIFIER_CROP = 128;
/** The crop spans the box's longer side this many times: a ball is told apart by what is around it too. */
export const VERIFIER_CONTEXT = 1.6;

/** A trained verifier: standardise, one hidden ReLU layer, one logit. Plain arrays, row-major. */
export interface VerifierWeights {
  hidden: number;
  mean: Float32Array;
  scale: Float32Array;
  /** [VERIFIER_FEATURES, hidden] */
  kernel: Float32Array;
  bias: Float32Array;
  /** [hidden] */
  out: Float32Array;
  outBias: number;
}

/** verifier.json beside a model's model.json: its shape and its weights as base64 float32 in this order. */
export const VERIFIER_FORMAT = 'tama-lab-verifier/1';
interface VerifierFile {
  format: typeof VERIFIER_FORMAT;
  features: number;
  crop: number;
  context: number;
  hidden: number;
  /** mean, scale, kernel, bias, out, outBias */
  weights: string;
}

export function encodeVerifier(weights: VerifierWeights, extra: object = {}): string {
  const parts = [weights.mean, weights.scale, weights.kernel, weights.bias, weights.out, [weights.outBias]];
  const flat = Float32Array.from(parts.flatMap((part) => Array.from(part)));
  const bytes = new Uint8Array(flat.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const file: VerifierFile = {
    format: VERIFIER_FORMAT,
    features: VERIFIER_FEATURES,
    crop: VERIFIER_CROP,
    context: VERIFIER_CONTEXT,
    hidden: weights.hidden,
    weights: btoa(binary),
  };
  return JSON.stringify({ ...file, ...extra });
}

/** The weights in a verifier.json; a file of another shape (a later format) throws. */
export function decodeVerifier(text: string): VerifierWeights {
  const file = JSON.parse(text) as Partial<VerifierFile>;
  const { hidden } = file;
  if (
    file.format !== VERIFIER_FORMAT ||
    file.features !== VERIFIER_FEATURES ||
    file.crop !== VERIFIER_CROP ||
    file.context !== VERIFIER_CONTEXT ||
    typeof hidden !== 'number' ||
    !Number.isInteger(hidden) ||
    hidden < 1 ||
    typeof file.weights !== 'string'
  )
    throw new Error(`not a ${VERIFIER_FORMAT} file`);
  const binary = atob(file.weights);
  // A plain loop: Uint8Array.from with a mapping function took ~25 ms here for the 250 kB of weights, a
  // long task on a phone as the live view opens.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const flat = new Float32Array(bytes.buffer);
  const sizes = [VERIFIER_FEATURES, VERIFIER_FEATURES, VERIFIER_FEATURES * hidden, hidden, hidden, 1];
  if (flat.length !== sizes.reduce((sum, size) => sum + size, 0)) throw new Error('verifier weights of the wrong size');
  const starts = sizes.map((_, i) => sizes.slice(0, i).reduce((sum, size) => sum + size, 0));
  const [mean, scale, kernel, bias, out, outBias] = sizes.map((size, i) =>
    flat.slice(starts[i], (starts[i] ?? 0) + size),
  );
  return {
    hidden,
    mean: mean as Float32Array,
    scale: scale as Float32Array,
    kernel: kernel as Float32Array,
    bias: bias as Float32Array,
    out: out as Float32Array,
    outBias: (outBias as Float32Array)[0] as number,
  };
}

/** The crop around each box, as cropAndResize's normalised [y1, x1, y2, x2], squared and widened. */
export function cropWindows(
  boxes: readonly Box[],
  width: number,
  height: number,
  context = VERIFIER_CONTEXT,
): number[][] {
  return boxes.map(([x, y, w, h]) => {
    const side = Math.max(w, h, 4) * context;
    const cx = x + w / 2;
    const cy = y + h / 2;
    return [(cy - side / 2) / height, (cx - side / 2) / width, (cy + side / 2) / height, (cx + side / 2) / width];
  });
}

/**
 * The pooled description [boxes, VERIFIER_FEATURES] of each box's crop of `pixels` ([H, W, 3], 0…255),
 * boxes in the pixels of a source of `size`.
 */
export function cropFeatures(
  tf: Tf,
  model: GraphModel,
  pixels: Tensor,
  boxes: readonly Box[],
  size: { width: number; height: number },
  context = VERIFIER_CONTEXT,
): Tensor2D {
  // Boxes are in the source's own pixels; an <img>'s pixels come at its displayed size, so the crop
  // windows are fractions of the source, not of the tensor.
  const { width, height } = size;
  const input = tf.tidy(() => {
    const image = pixels.toFloat().expandDims(0) as tfTypes.Tensor4D;
    const windows = tf.tensor2d(cropWindows(boxes, width, height, context), [boxes.length, 4]);
    const indices = tf.zeros([boxes.length], 'int32') as tfTypes.Tensor1D;
    // Outside the picture the crop is mid-grey, which is 0 after the graph's scaling to [-1, 1].
    const crops = tf.image.cropAndResize(image, windows, indices, [VERIFIER_CROP, VERIFIER_CROP], 'bilinear', 127.5);
    return crops.div(127.5).sub(1);
  });
  const activations = model.execute({ [INPUT_NODE]: input }, [...VERIFIER_NODES]) as Tensor[];
  input.dispose();
  try {
    return tf.tidy(
      () =>
        tf.concat(
          activations.map((activation) => activation.mean([1, 2])),
          1,
        ) as Tensor2D,
    );
  } finally {
    tf.dispose(activations);
  }
}

/** verifier.json beside the model.json at `modelUrl`, if there is one. */
export async function fetchVerifier(modelUrl: string): Promise<VerifierWeights | undefined> {
  const url = new URL('verifier.json', new URL(modelUrl, globalThis.location?.href)).href;
  // An update's handover waits for the page's own downloads (page-loads.ts).
  const response = await trackLoad(fetch(url)).catch(() => undefined);
  if (!response?.ok) return undefined;
  return decodeVerifier(await trackLoad(response.text()));
}

export interface Verifier {
  /** Probability that each box of `pixels` ([H, W, 3], 0…255) shows a ball. */
  probabilities(pixels: Tensor, boxes: readonly Box[], size: { width: number; height: number }): Promise<Float32Array>;
  dispose(): void;
}

/** The verifier on `model`'s backbone, its weights kept on the device for the detector's lifetime. */
export function createVerifier(tf: Tf, model: GraphModel, weights: VerifierWeights): Verifier {
  const kept = tf.tidy(() => ({
    mean: tf.keep(tf.tensor1d(weights.mean)),
    scale: tf.keep(tf.tensor1d(weights.scale)),
    kernel: tf.keep(tf.tensor2d(weights.kernel, [VERIFIER_FEATURES, weights.hidden])),
    bias: tf.keep(tf.tensor1d(weights.bias)),
    out: tf.keep(tf.tensor2d(weights.out, [weights.hidden, 1])),
  }));
  return {
    async probabilities(pixels, boxes, size) {
      if (boxes.length === 0) return new Float32Array(0);
      const features = cropFeatures(tf, model, pixels, boxes, size);
      const probabilities = tf.tidy(() => {
        const standard = features.sub(kept.mean).mul(kept.scale);
        const hidden = tf.relu(standard.matMul(kept.kernel).add(kept.bias));
        return tf.sigmoid(hidden.matMul(kept.out).add(weights.outBias)).reshape([-1]);
      });
      features.dispose();
      try {
        return (await probabilities.data()) as Float32Array;
      } finally {
        probabilities.dispose();
      }
    },
    dispose: () => tf.dispose(Object.values(kept)),
  };
}
