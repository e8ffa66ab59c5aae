// A small CNN for MNIST (3×3 conv 16 → pool → 3×3 conv 32 → pool → dense 128 → 10), as plain
// variables and a forward function.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor, Variable } from '@tensorflow/tfjs';
import { convReluPool, dense } from './mnist-layers.ts';

type Tf = typeof tfTypes;

const SHAPES: Record<string, number[]> = {
  conv1: [3, 3, 1, 16],
  bias1: [16],
  conv2: [3, 3, 16, 32],
  bias2: [32],
  dense1: [7 * 7 * 32, 128],
  bias3: [128],
  dense2: [128, 10],
  bias4: [10],
};
export const WEIGHT_NAMES = Object.keys(SHAPES);

export class MnistModel {
  readonly variables: Variable[];
  private readonly byName: Record<string, Variable>;

  constructor(
    private readonly tf: Tf,
    seed: number,
    initial?: readonly Float32Array[],
  ) {
    this.byName = {};
    this.variables = WEIGHT_NAMES.map((name, i) => {
      const shape = SHAPES[name] as number[];
      const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const value = initial?.[i]
        ? tf.tensor(initial[i] as Float32Array, shape)
        : name.startsWith('bias')
          ? tf.zeros(shape)
          : // He initialisation for ReLU layers.
            tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed + i);
      const variable = tf.variable(value, true, `mnist/${name}/${seed}/${Math.random().toString(36).slice(2)}`);
      value.dispose();
      this.byName[name] = variable;
      return variable;
    });
  }

  /**
   * On WASM the hand-written backward passes of mnist-layers.ts; elsewhere (WebGPU, WebGL, CPU) the
   * same layers from TF.js's own ops and gradients.
   */
  private block(x: Tensor, kernel: Variable, bias: Variable, first: boolean): Tensor {
    const { tf } = this;
    if (tf.getBackend() === 'wasm') return convReluPool(tf, x, kernel, bias, !first);
    const activated = tf.relu(tf.conv2d(x as tfTypes.Tensor4D, kernel as tfTypes.Tensor4D, 1, 'same').add(bias));
    return tf.maxPool(activated as tfTypes.Tensor4D, 2, 2, 'valid');
  }

  private dense(x: Tensor, weights: Variable, bias: Variable, relu: boolean): Tensor {
    const { tf } = this;
    if (tf.getBackend() === 'wasm') return dense(tf, x, weights, bias, relu);
    const output = tf.matMul(x, weights).add(bias);
    return relu ? tf.relu(output) : output;
  }

  /** Pixels [B, 28, 28, 1] in 0…1 → logits [B, 10]. */
  logits(x: Tensor): Tensor {
    const w = this.byName as Record<string, Variable>;
    return this.tf.tidy(() => {
      const a = this.block(x, w.conv1 as Variable, w.bias1 as Variable, true);
      const b = this.block(a, w.conv2 as Variable, w.bias2 as Variable, false);
      const flat = b.reshape([x.shape[0] as number, 7 * 7 * 32]);
      const hidden = this.dense(flat, w.dense1 as Variable, w.bias3 as Variable, true);
      return this.dense(hidden, w.dense2 as Variable, w.bias4 as Variable, false);
    });
  }

  async weights(): Promise<Float32Array[]> {
    return Promise.all(this.variables.map(async (v) => (await v.data()) as Float32Array));
  }

  dispose() {
    this.tf.dispose(this.variables);
  }
}
