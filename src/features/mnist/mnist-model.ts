// A small CNN for MNIST (3×3 conv 16 → pool → 3×3 conv 32 → pool → dense 128 → 10), as plain
// variables and a forward function. On WASM, whose TF.js backend cannot differentiate conv2d (no
// Conv2DBackpropFilter kernel), convolutions run as im2col + matMul, which it can; 3×3 rather than
// 5×5 kernels keep that im2col nearly three times smaller.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor, Variable } from '@tensorflow/tfjs';

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

  private conv(x: Tensor, kernel: Variable, bias: Variable): Tensor {
    const { tf } = this;
    if (tf.getBackend() !== 'wasm')
      return tf.conv2d(x as tfTypes.Tensor4D, kernel as tfTypes.Tensor4D, 1, 'same').add(bias);
    const [k, , inChannels, outChannels] = kernel.shape as [number, number, number, number];
    const [batch, height, width] = x.shape as [number, number, number, number];
    const half = Math.floor(k / 2);
    const padded = tf.pad(x, [
      [0, 0],
      [half, half],
      [half, half],
      [0, 0],
    ]);
    const patches: Tensor[] = [];
    for (let dy = 0; dy < k; dy++)
      for (let dx = 0; dx < k; dx++) patches.push(padded.slice([0, dy, dx, 0], [batch, height, width, inChannels]));
    // Channel order (dy · k + dx) · C + c matches the kernel reshaped row-major to [k·k·C, F].
    const columns = tf.concat(patches, 3).reshape([batch * height * width, k * k * inChannels]);
    return tf
      .matMul(columns, kernel.reshape([k * k * inChannels, outChannels]))
      .add(bias)
      .reshape([batch, height, width, outChannels]);
  }

  /** Pixels [B, 28, 28, 1] in 0…1 → logits [B, 10]. */
  logits(x: Tensor): Tensor {
    const { tf } = this;
    const w = this.byName as Record<string, Variable>;
    return tf.tidy(() => {
      const pool = (t: Tensor) => tf.maxPool(t as tfTypes.Tensor4D, 2, 2, 'valid');
      const a = pool(tf.relu(this.conv(x, w.conv1 as Variable, w.bias1 as Variable)));
      const b = pool(tf.relu(this.conv(a, w.conv2 as Variable, w.bias2 as Variable)));
      const flat = b.reshape([x.shape[0] as number, 7 * 7 * 32]);
      const hidden = tf.relu(tf.matMul(flat, w.dense1 as Variable).add(w.bias3 as Variable));
      return tf.matMul(hidden, w.dense2 as Variable).add(w.bias4 as Variable);
    });
  }

  async weights(): Promise<Float32Array[]> {
    return Promise.all(this.variables.map(async (v) => (await v.data()) as Float32Array));
  }

  dispose() {
    this.tf.dispose(this.variables);
  }
}
