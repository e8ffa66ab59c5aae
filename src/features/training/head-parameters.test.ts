import { expect } from '@esm-bundle/chai';
import type { Tensor2D } from '@tensorflow/tfjs';
import { LEVELS, type LevelHeads, orderedHeadTensors, runHeads, withHiddenPath } from '../../model/ssd-heads.ts';
import { expectedShapes } from '../../model/trained-model.ts';
import { loadTf } from '../../shared/backend/backends.ts';
import { Random } from '../../shared/random.ts';
import { HeadParameters } from './head-parameters.ts';

describe('head parameters', () => {
  it('take the same Adam steps as tf.train.adam', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const random = new Random(5);
    const start = Float32Array.from({ length: 50 }, () => random.range(-1, 1));
    const parameters = new HeadParameters(start.slice(), [{ shape: [50] }], 0.01);
    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(0.01);
    for (let step = 0; step < 5; step++) {
      const gradient = Float32Array.from({ length: 50 }, () => random.range(-2, 2));
      parameters.applyAdam(gradient);
      tf.tidy(() => optimizer.applyGradients([{ name: variable.name, tensor: tf.tensor1d(gradient) }]));
    }
    const expected = await variable.data();
    const worst = Math.max(...parameters.values.map((value, i) => Math.abs(value - (expected[i] as number))));
    expect(worst).to.be.at.most(1e-5);
    expect(parameters.values[0]).to.not.be.closeTo(start[0] as number, 1e-3);
    optimizer.dispose();
    variable.dispose();
  });

  it('make head tensors of a trained model’s shapes from copies of the values', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const shapes = expectedShapes(1);
    const values = new Float32Array(shapes.reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0));
    values.fill(1);
    const parameters = new HeadParameters(values, shapes, 0.01);
    const heads = parameters.tensors(tf);
    values.fill(2);
    expect(orderedHeadTensors(heads).map((t) => t.shape)).to.deep.equal(shapes.map(({ shape }) => shape));
    const classBias = (heads[5] as LevelHeads).classBias;
    expect(Array.from(await classBias.data()).every((v) => v === 1)).to.equal(true);
    tf.dispose(orderedHeadTensors(heads));
  });

  it('with a hidden path added: tensors in that layout, the same scores as without it until trained', async () => {
    const tf = await loadTf();
    await tf.setBackend('cpu');
    const random = new Random(2);
    const linear = expectedShapes(1);
    const values = Float32Array.from(
      { length: linear.reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0) },
      () => random.range(-0.1, 0.1),
    );
    const heads = new HeadParameters(values, linear, 0.01).tensors(tf);
    const wide = withHiddenPath(tf, heads, 8, 1);
    expect(orderedHeadTensors(wide).map((t) => t.shape)).to.deep.equal(expectedShapes(1, 8).map(({ shape }) => shape));
    const activations = LEVELS.flatMap(({ size, channels }, level) =>
      [0, 1].map((head) => tf.randomUniform([1, size, size, channels], 0, 1, 'float32', 2 * level + head)),
    );
    const before = runHeads(tf, activations, heads, 1);
    const after = runHeads(tf, activations, wide, 1);
    expect(Array.from(await after.logits.data())).to.deep.equal(Array.from(await before.logits.data()));
    const hiddenPath = tf.tidy(() =>
      tf.relu(tf.matMul(tf.ones([1, 576]), (wide[0] as LevelHeads).hiddenKernel as Tensor2D)),
    );
    expect((await hiddenPath.data()).some((v) => v > 0)).to.equal(true);
    tf.dispose([
      ...orderedHeadTensors(wide),
      ...activations,
      hiddenPath,
      ...Object.values(before),
      ...Object.values(after),
    ]);
  });

  it('go on from a snapshot exactly as without the break, and refuse one of another size', () => {
    const random = new Random(9);
    const gradients = Array.from({ length: 4 }, () => Float32Array.from({ length: 20 }, () => random.range(-1, 1)));
    const whole = new HeadParameters(new Float32Array(20).fill(0.5), [{ shape: [20] }], 0.01);
    for (const gradient of gradients.slice(0, 2)) whole.applyAdam(gradient);
    const snapshot = whole.snapshot();
    for (const gradient of gradients.slice(2)) whole.applyAdam(gradient);

    const resumed = new HeadParameters(new Float32Array(20), [{ shape: [20] }], 0.01);
    resumed.restore(snapshot);
    for (const gradient of gradients.slice(2)) resumed.applyAdam(gradient);
    expect(Array.from(resumed.values)).to.deep.equal(Array.from(whole.values));
    expect(() => new HeadParameters(new Float32Array(3), [{ shape: [3] }], 0.01).restore(snapshot)).to.throw(/20/);
  });
});
