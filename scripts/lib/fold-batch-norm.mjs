// Folds each depthwise convolution's batch norm into its weights, so that TF.js can run the pair (and
// the ReLU6 after it) as one fused kernel (fuse-graph.mjs). COCO-SSD's graph keeps 33 of them apart:
// 21 as Mul(scale) + Add(offset) in the backbone and 12 as FusedBatchNorm in the box predictors, and
// those element-wise passes over every activation cost about as much as the convolutions themselves
// on WASM. The maths is exact: (x ⊛ w)·s + b = x ⊛ (w·s) + b, with s, b per channel.

function consumersOf(nodes) {
  const consumers = new Map();
  for (const node of nodes) {
    for (const input of node.input ?? []) {
      const name = input.replace(/^\^/, '').split(':')[0];
      consumers.set(name, [...(consumers.get(name) ?? []), node]);
    }
  }
  return consumers;
}

/**
 * @param {{ topology: object, weights: {name: string, shape: number[], dtype: string}[], data: Buffer }} model
 *   float32 weights, in manifest order
 * @returns {{ topology: object, weights: object[], data: Buffer, folded: number }} a new model; the input is not modified
 */
export function foldBatchNorms({ topology, weights, data }) {
  const values = new Map();
  let offset = 0;
  for (const weight of weights) {
    const count = weight.shape.reduce((a, b) => a * b, 1);
    const bytes = count * (weight.dtype === 'float32' || weight.dtype === 'int32' ? 4 : 1);
    values.set(weight.name, { ...weight, data: data.subarray(offset, offset + bytes) });
    offset += bytes;
  }
  const floats = (name) => {
    const weight = values.get(name);
    if (weight?.dtype !== 'float32') return undefined;
    return new Float32Array(
      weight.data.buffer.slice(weight.data.byteOffset, weight.data.byteOffset + weight.data.length),
    );
  };
  const setFloats = (name, shape, array) =>
    values.set(name, {
      name,
      shape,
      dtype: 'float32',
      data: Buffer.from(array.buffer, array.byteOffset, array.byteLength),
    });

  const nodes = structuredClone(topology.node);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const consumers = consumersOf(nodes);
  const onlyConsumer = (node) => {
    const list = consumers.get(node.name) ?? [];
    return list.length === 1 ? list[0] : undefined;
  };
  const usedOnce = (name) => (consumers.get(name) ?? []).length === 1;
  const removed = new Set();
  let folded = 0;

  /** Multiplies the depthwise filter [h, w, C, 1] by `scale` per channel; false when it is shared. */
  const scaleFilter = (depthwise, scale) => {
    const filterName = depthwise.input[1];
    const filter = floats(filterName);
    const shape = values.get(filterName)?.shape;
    if (!filter || !shape || shape[3] !== 1 || shape[2] !== scale.length || !usedOnce(filterName)) return false;
    for (let i = 0; i < filter.length; i++) filter[i] *= scale[i % scale.length];
    setFloats(filterName, shape, filter);
    return true;
  };
  const addConstant = (name, array) => {
    setFloats(name, [array.length], array);
    const node = {
      name,
      op: 'Const',
      attr: {
        dtype: { type: 'DT_FLOAT' },
        value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: String(array.length) }] } } },
      },
    };
    nodes.push(node);
    byName.set(name, node);
  };

  for (const depthwise of nodes) {
    if (depthwise.op !== 'DepthwiseConv2dNative') continue;
    const next = onlyConsumer(depthwise);
    if (next?.op === 'Mul' && next.input[0] === depthwise.name) {
      const add = onlyConsumer(next);
      const scale = floats(next.input[1]);
      if (add?.op !== 'Add' || add.input[0] !== next.name || !floats(add.input[1]) || !scale) continue;
      if (!scaleFilter(depthwise, scale)) continue;
      // The Add now reads the convolution directly: a bias add, which fuse-graph.mjs fuses.
      add.input = [depthwise.name, add.input[1]];
      removed.add(next.name);
      folded++;
    } else if (next?.op === 'FusedBatchNorm' && next.input[0] === depthwise.name) {
      const [gamma, beta, mean, variance] = next.input.slice(1).map(floats);
      if (!gamma || !beta || !mean || !variance) continue;
      const epsilon = next.attr?.epsilon?.f ?? 0.001;
      const scale = gamma.map((g, c) => g / Math.sqrt((variance[c] ?? 0) + epsilon));
      if (!scaleFilter(depthwise, scale)) continue;
      const bias = beta.map((b, c) => b - (mean[c] ?? 0) * (scale[c] ?? 0));
      const biasName = `${next.name}/folded_bias`;
      addConstant(biasName, bias);
      // Same name, so every consumer of the batch norm still finds its input.
      byName.set(next.name, {
        name: next.name,
        op: 'Add',
        input: [depthwise.name, biasName],
        attr: { T: { type: 'DT_FLOAT' } },
      });
      folded++;
    }
  }
  const rewired = nodes.filter((n) => !removed.has(n.name)).map((n) => byName.get(n.name) ?? n);
  // The scales and batch-norm statistics are now inside the filters: drop their constants.
  const read = consumersOf(rewired);
  const node = rewired.filter((n) => n.op !== 'Const' || read.has(n.name) || !values.has(n.name));
  const used = new Set(node.filter((n) => n.op === 'Const').map((n) => n.name));
  const kept = [...values.values()].filter((weight) => used.has(weight.name));
  return {
    topology: { ...topology, node },
    weights: kept.map(({ name, shape, dtype }) => ({ name, shape, dtype })),
    data: Buffer.concat(kept.map((weight) => weight.data)),
    folded,
  };
}
