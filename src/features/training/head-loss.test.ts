import { expect } from '@esm-bundle/chai';
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { ANCHOR_COUNT, LEVELS, type LevelHeads, orderedHeadTensors, runHeads } from '../../model/ssd-heads.ts';
import { type BackendName, loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { Random } from '../../shared/random.ts';
import { HeadBatch, type HeadView } from './head-batch.ts';
import { headLoss, type ViewTargets, withPositiveAnchors } from './head-loss.ts';

type Tf = typeof tfTypes;

/** Matched anchors on every level in turn; every few anchors an ignored one; a view may have none. */
function targets(random: Random, positives: number, classCount: number): ViewTargets {
  const classes = new Int32Array(ANCHOR_COUNT);
  const ignored = new Uint8Array(ANCHOR_COUNT);
  const encodings = new Float32Array(ANCHOR_COUNT * 4);
  let first = 0;
  const levels = LEVELS.map(({ size, anchors }) => {
    const range = [first, first + size * size * anchors - 1] as const;
    first = range[1] + 1;
    return range;
  });
  for (let found = 0; found < positives; ) {
    const [from, to] = levels[found % levels.length] as readonly [number, number];
    const anchor = random.int(from, to);
    if (classes[anchor]) continue;
    classes[anchor] = random.int(1, classCount);
    // Some errors beyond 1, where smooth-L1 turns linear.
    for (let c = 0; c < 4; c++) encodings[anchor * 4 + c] = random.range(-3, 3);
    found++;
  }
  for (let anchor = 0; anchor < ANCHOR_COUNT; anchor += 37) if (!classes[anchor]) ignored[anchor] = 1;
  return withPositiveAnchors({ classes, ignored, encodings, positives });
}

/** The loss as the trainer computed it before (TF.js ops, top-k mining, autograd), as the reference. */
async function referenceLoss(
  tf: Tf,
  activations: Tensor[],
  heads: LevelHeads[],
  views: ViewTargets[],
  classCount: number,
) {
  const classes = tf.tensor2d(
    Int32Array.from(views.flatMap((v) => [...v.classes])),
    [views.length, ANCHOR_COUNT],
    'int32',
  );
  const ignored = tf.tensor2d(Float32Array.from(views.flatMap((v) => [...v.ignored])), [views.length, ANCHOR_COUNT]);
  const encodings = tf.tensor3d(Float32Array.from(views.flatMap((v) => [...v.encodings])), [
    views.length,
    ANCHOR_COUNT,
    4,
  ]);
  const targetsOneHot = tf.oneHot(classes, 1 + classCount).toFloat();
  const positive = classes.greater(0).toFloat();
  const perAnchor = (logits: Tensor) =>
    tf
      .relu(logits)
      .sub(logits.mul(targetsOneHot))
      .add(tf.log1p(tf.exp(logits.abs().neg())))
      .sum(2);
  const negativeLoss = tf.tidy(() => {
    const excluded = positive.add(ignored).minimum(1);
    return perAnchor(runHeads(tf, activations, heads, classCount).logits)
      .mul(tf.scalar(1).sub(excluded))
      .sub(excluded.mul(1e9));
  });
  const wanted = views.map((v) => Math.min(958, Math.max(8, 3 * v.positives)));
  const k = Math.max(...wanted);
  const top = tf.topk(negativeLoss, k);
  const values = await top.values.data();
  const negatives = negativeLoss
    .greaterEqual(
      tf.tensor2d(
        wanted.map((n, row) => values[row * k + n - 1] as number),
        [views.length, 1],
      ),
    )
    .toFloat();
  const variables = orderedHeadTensors(heads) as tfTypes.Variable[];
  const { value, grads } = tf.variableGrads(() => {
    const { encodings: predicted, logits } = runHeads(tf, activations, heads, classCount);
    const classTerm = perAnchor(logits).mul(positive.add(negatives)).sum();
    const boxTerm = tf.losses
      .huberLoss(encodings, predicted, undefined, 1, tf.Reduction.NONE)
      .sum(2)
      .mul(positive)
      .sum();
    return classTerm.add(boxTerm).div(tf.maximum(positive.sum(), 1)) as tfTypes.Scalar;
  }, variables);
  const result = {
    loss: (await value.data())[0] as number,
    gradients: await Promise.all(variables.map((v) => (grads[v.name] as Tensor).data())),
  };
  tf.dispose([
    classes,
    ignored,
    encodings,
    targetsOneHot,
    positive,
    negativeLoss,
    top.values,
    top.indices,
    negatives,
    value,
    ...Object.values(grads),
  ]);
  return result;
}

/** The new path's views: the class input everywhere, the box input at the matched anchors' cells. */
function headViews(tf: Tf, activations: Tensor[], views: ViewTargets[]): HeadView[] {
  let offset = 0;
  const levelCells = LEVELS.map(({ size, anchors }) => {
    const first = offset;
    offset += size * size * anchors;
    return views.map((view) =>
      Int32Array.from(
        new Set(
          [...view.positiveAnchors]
            .filter((a) => a >= first && a < offset)
            .map((a) => Math.floor((a - first) / anchors)),
        ),
      ),
    );
  });
  return views.map((view, b) => ({
    ...view,
    boxCells: LEVELS.map((_, level) => levelCells[level]?.[b] as Int32Array),
    classFeatures: LEVELS.map(
      ({ size, channels }, level) =>
        (activations[2 * level + 1] as Tensor).slice(b, 1).reshape([size * size, channels]) as Tensor2D,
    ),
    boxFeatures: LEVELS.map(({ size, channels }, level) => {
      const cells = levelCells[level]?.[b] as Int32Array;
      return cells.length
        ? (tf.gather(
            (activations[2 * level] as Tensor).slice(b, 1).reshape([size * size, channels]),
            cells,
          ) as Tensor2D)
        : undefined;
    }),
  }));
}

const cases: [BackendName, number][] = [
  ['wasm', 0],
  ['cpu', 0],
  ['wasm', 8],
];
for (const [backend, hidden] of cases) {
  describe(`head loss and gradients (${backend}${hidden ? `, hidden path of ${hidden}` : ''})`, () => {
    it('equal the autograd of the TF.js loss, with the same hard negatives, and leave no tensor behind', async () => {
      const tf = await loadTf();
      await selectBackend(backend);
      const classCount = 2;
      const random = new Random(3);
      const views = [targets(random, 9, classCount), targets(random, 0, classCount), targets(random, 3, classCount)];
      const activations = LEVELS.flatMap(({ size, channels }, level) =>
        [0, 1].map((head) =>
          tf.randomUniform([views.length, size, size, channels], 0, 1.5, 'float32', 10 * level + head),
        ),
      );
      const heads = LEVELS.map(({ channels, anchors }, level) => ({
        boxKernel: tf.variable(tf.randomNormal([channels, anchors * 4], 0, 0.05, 'float32', level)),
        boxBias: tf.variable(tf.randomNormal([anchors * 4], 0, 0.5, 'float32', level + 1)),
        classKernel: tf.variable(
          tf.randomNormal([channels, anchors * (1 + classCount)], 0, 0.05, 'float32', level + 2),
        ),
        classBias: tf.variable(tf.randomNormal([anchors * (1 + classCount)], -2, 0.5, 'float32', level + 3)),
        ...(hidden
          ? {
              hiddenKernel: tf.variable(tf.randomNormal([channels, hidden], 0, 0.05, 'float32', level + 4)),
              hiddenBias: tf.variable(tf.randomNormal([hidden], 0, 0.5, 'float32', level + 5)),
              hiddenOut: tf.variable(
                tf.randomNormal([hidden, anchors * (1 + classCount)], 0, 0.3, 'float32', level + 6),
              ),
            }
          : {}),
      })) as unknown as LevelHeads[];
      const expected = await referenceLoss(tf, activations, heads, views, classCount);

      const inputs = headViews(tf, activations, views);
      const before = tf.memory().numTensors;
      const batch = new HeadBatch(tf, inputs, 1 + classCount);
      const { logits, matchedEncodings } = await batch.outputs(heads);
      const loss = headLoss(inputs, logits, matchedEncodings, 1 + classCount);
      const gradients = await batch.gradients(loss);
      batch.dispose();
      expect(tf.memory().numTensors).to.equal(before);
      // Flat, per level: box kernel, box bias, class kernel, class bias; then per level the hidden path's.
      let offset = 0;
      const actual = expected.gradients.map(({ length }) => {
        offset += length;
        return gradients.subarray(offset - length, offset);
      });
      expect(offset).to.equal(gradients.length);

      expect(loss.loss).to.be.closeTo(expected.loss, 1e-4 * expected.loss);
      // Every level has a matched anchor: no gradient is all zero, so none can pass by accident.
      for (const gradient of expected.gradients) expect(gradient.some((v) => v !== 0)).to.equal(true);
      actual.forEach((values, i) => {
        const reference = expected.gradients[i] as Float32Array;
        const scale = Math.max(1e-9, ...reference.map(Math.abs));
        const worst = Math.max(...values.map((value, j) => Math.abs(value - (reference[j] as number))));
        expect(worst, `gradient ${i}`).to.be.at.most(1e-3 * scale);
      });
      tf.dispose([
        ...activations,
        ...inputs.flatMap((v) => [...v.classFeatures, ...v.boxFeatures.filter((f) => !!f)] as Tensor[]),
      ]);
      tf.dispose(orderedHeadTensors(heads));
    });
  });
}
