// The MNIST CNN's two kinds of layer with their backward passes written out, so that training on WASM
// runs on XNNPACK's fast kernels. TF.js's own gradients there fall onto slow paths: tfjs-backend-wasm
// 4.22 has no Conv2DBackpropFilter at all, runs any matMul with a transposed operand (every matMul
// gradient) in a naive scalar loop, and has a generic MaxPoolGrad. Here every step of the backward pass
// is a forward conv2d or a plain matMul (both XNNPACK) or a cheap element-wise op.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';

type Tf = typeof tfTypes;
type Save = (tensors: Tensor[]) => void;

/**
 * The kernel gradient as a convolution: with the batch as channels, sliding the output gradient
 * (H × W × batch × F, used as the kernel) over the zero-padded input (C × H+2 × W+2 × batch) gives the
 * C × 3 × 3 × F sums of input × gradient, i.e. dW transposed.
 */
function kernelGradient(tf: Tf, input: Tensor4D, outputGradient: Tensor4D): Tensor {
  const padded = tf.pad(input, [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ]);
  const byChannel = padded.transpose([3, 1, 2, 0]) as Tensor4D;
  const asKernel = outputGradient.transpose([1, 2, 0, 3]) as Tensor4D;
  return tf.conv2d(byChannel, asKernel, 1, 'valid').transpose([1, 2, 0, 3]);
}

/** A 2× nearest-neighbour upsampling: each value fills its 2 × 2 pooling window again. */
function unpool(tf: Tf, t: Tensor4D): Tensor4D {
  const [, height, width] = t.shape;
  return tf.image.resizeNearestNeighbor(t, [height * 2, width * 2]);
}

/**
 * 3×3 convolution ('same') + bias → ReLU → 2×2 max-pool. Backward: each window's gradient goes to the
 * pixel that was its maximum, shared equally where several tie (flat strokes of saturated ink make
 * that common; windows whose maximum is ReLU's zero get nothing, which is ReLU's own gradient); the
 * input gradient is the convolution of that with the kernel turned by 180°, in and out swapped.
 */
export function convReluPool(tf: Tf, x: Tensor, kernel: Tensor, bias: Tensor, inputNeedsGradient: boolean): Tensor4D {
  const forward = (input: Tensor4D, w: Tensor4D, b: Tensor, save: Save) => {
    const activated = tf.fused.conv2d({ x: input, filter: w, bias: b, strides: 1, pad: 'same', activation: 'relu' });
    const pooled = tf.maxPool(activated, 2, 2, 'valid');
    save([input, w, activated, pooled]);
    return {
      value: pooled,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [savedInput, savedKernel, savedActivated, savedPooled] = saved as Tensor4D[];
        const pooledOut = savedPooled as Tensor4D;
        const winners = tf.equal(savedActivated as Tensor4D, unpool(tf, pooledOut)).cast('float32') as Tensor4D;
        const windowGradient = dy.mul(tf.step(pooledOut)) as Tensor4D;
        // avgPool × 4 counts each window's winners (at least one: its maximum).
        const perWinner = windowGradient.div(tf.avgPool(winners, 2, 2, 'valid').mul(4)) as Tensor4D;
        const preActivation = unpool(tf, perWinner).mul(winners) as Tensor4D;
        const grads = [
          kernelGradient(tf, savedInput as Tensor4D, preActivation),
          // Each window's shares add back up to its gradient: the bias gradient from a quarter of the values.
          windowGradient.sum([0, 1, 2]),
        ];
        if (!inputNeedsGradient) return grads;
        const turned = tf.reverse(savedKernel as Tensor4D, [0, 1]).transpose([0, 1, 3, 2]) as Tensor4D;
        return [...grads, tf.conv2d(preActivation, turned, 1, 'same')];
      },
    };
  };
  // customGrad wants a gradient for every tensor argument: the first layer's input (the pixels) has
  // none worth computing, so there it is captured rather than passed.
  const op = inputNeedsGradient
    ? tf.customGrad((w, b, input, save) => forward(input as Tensor4D, w as Tensor4D, b as Tensor, save as Save))
    : tf.customGrad((w, b, save) => forward(x as Tensor4D, w as Tensor4D, b as Tensor, save as Save));
  return (inputNeedsGradient ? op(kernel, bias, x) : op(kernel, bias)) as Tensor4D;
}

/**
 * x · W + b, optionally through ReLU. The gradients multiply by explicitly transposed operands
 * (x · Wᵀ needs a [out, in] copy of W, a few hundred KB): an untransposed matMul takes XNNPACK's path.
 */
export function dense(tf: Tf, x: Tensor, weights: Tensor, bias: Tensor, relu: boolean): Tensor {
  const op = tf.customGrad((input, w, b, save) => {
    const output = tf.fused.matMul({
      a: input as tfTypes.Tensor2D,
      b: w as tfTypes.Tensor2D,
      bias: b as Tensor,
      activation: relu ? 'relu' : 'linear',
    });
    (save as Save)([input as Tensor, w as Tensor, output]);
    return {
      value: output,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [savedInput, savedWeights, savedOutput] = saved as tfTypes.Tensor2D[];
        const dz = (relu ? dy.mul(tf.step(savedOutput as Tensor)) : dy) as tfTypes.Tensor2D;
        return [
          tf.matMul(dz, (savedWeights as Tensor).transpose() as tfTypes.Tensor2D),
          tf.matMul((savedInput as Tensor).transpose() as tfTypes.Tensor2D, dz),
          dz.sum(0),
        ];
      },
    };
  });
  return op(x, weights, bias);
}
