// The app's default detector reads only the twelve box-predictor activations of the SSD graph (its own
// 1×1 heads replace the graph's) and the anchors. This cuts the graph down to that: nodes from the
// preprocessed input to those activations, plus, as constants nothing consumes, what src/model/ssd-heads.ts
// reads from the graph — the anchors, the box-encoding 1×1 weights, and the class 1×1 weights narrowed
// to COCO's background and "sports ball" columns (stock "sports ball" and the start of fine-tuning).
// COCO's other 89 class columns (1.48 M of the 4.5 M parameters) and the post-processor are dropped.
// TF.js already skips nodes the requested outputs do not need, so this saves bytes, not run time.

/** The graph node the app feeds with the resized image scaled to [-1, 1] (see src/model/detector.ts). */
export const INPUT_NODE = 'Preprocessor/sub';
const LEVEL_COUNT = 6;
const HEADS = ['BoxEncodingPredictor', 'ClassPredictor'];
/** Same list as ACTIVATION_NODES in src/model/ssd-heads.ts. */
export const ACTIVATION_NODES = Array.from({ length: LEVEL_COUNT }, (_, level) =>
  HEADS.map((head) => `BoxPredictor_${level}/${head}_depthwise/Relu6`),
).flat();
const ANCHORS = 'Postprocessor/ExpandDims';
const COCO_COLUMNS = 91;
/** Background and "sports ball", in that order. */
export const KEPT_COCO_COLUMNS = [0, 37];

const headWeights = (head) =>
  Array.from({ length: LEVEL_COUNT }, (_, level) =>
    ['weights', 'biases'].map((part) => `BoxPredictor_${level}/${head}/${part}`),
  ).flat();

const nodeName = (input) => input.replace(/^\^/, '').split(':')[0];

/** Keeps, of a [..., anchors × 91] class tensor, each anchor's KEPT_COCO_COLUMNS. */
function narrowColumns(values, shape) {
  const rows = values.length / shape.at(-1);
  const anchors = shape.at(-1) / COCO_COLUMNS;
  const kept = KEPT_COCO_COLUMNS.length;
  const out = new Float32Array(rows * anchors * kept);
  for (let row = 0; row < rows; row++)
    for (let anchor = 0; anchor < anchors; anchor++)
      KEPT_COCO_COLUMNS.forEach((column, k) => {
        out[(row * anchors + anchor) * kept + k] = values[(row * anchors + anchor) * COCO_COLUMNS + column];
      });
  return { values: out, shape: [...shape.slice(0, -1), anchors * kept] };
}

function setConstShape(node, shape) {
  node.attr.value.tensor.tensorShape = { dim: shape.map((size) => ({ size: String(size) })) };
}

/**
 * @param topology a (fused) COCO-SSD topology
 * @param weights Map name → { shape, dtype, values } of every weight
 * @returns the pruned topology and the weights it keeps, in the same form (the input is not modified)
 */
export function pruneToHeads(topology, weights) {
  const byName = new Map(topology.node.map((node) => [node.name, node]));
  const kept = new Set();
  const frontier = [...ACTIVATION_NODES];
  while (frontier.length > 0) {
    const name = frontier.pop();
    if (kept.has(name)) continue;
    const node = byName.get(name);
    if (!node) throw new Error(`the graph has no node ${name}: not a COCO-SSD graph`);
    kept.add(name);
    if (name !== INPUT_NODE) frontier.push(...(node.input ?? []).map(nodeName));
  }
  const classWeights = headWeights('ClassPredictor');
  for (const name of [ANCHORS, ...headWeights('BoxEncodingPredictor'), ...classWeights]) kept.add(name);

  const node = topology.node
    .filter((n) => kept.has(n.name))
    .map((n) => {
      if (n.name === INPUT_NODE)
        return {
          name: INPUT_NODE,
          op: 'Placeholder',
          input: [],
          // Any batch and size: training runs batches, and the heads are 1×1, so other sizes work too.
          attr: {
            dtype: { type: 1 },
            shape: { shape: { dim: [-1, -1, -1, 3].map((size) => ({ size: String(size) })) } },
          },
        };
      return structuredClone(n);
    });
  const keptWeights = new Map();
  for (const n of node) {
    if (n.op !== 'Const') continue;
    const weight = weights.get(n.name);
    if (!weight) throw new Error(`no weight for constant ${n.name}`);
    if (classWeights.includes(n.name)) {
      const narrowed = narrowColumns(weight.values, weight.shape);
      setConstShape(n, narrowed.shape);
      keptWeights.set(n.name, { ...weight, ...narrowed });
    } else {
      keptWeights.set(n.name, weight);
    }
  }
  return { topology: { ...topology, node }, weights: keptWeights };
}
