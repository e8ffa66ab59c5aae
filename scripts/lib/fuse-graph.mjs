// Rewrites the SSD graph so that TF.js runs fewer, fused kernels: every Conv2D or depthwise convolution
// followed only by a per-channel Add of a constant (the folded batch norm) and optionally Relu6 becomes
// one _FusedConv2D / FusedDepthwiseConv2dNative with fused_ops [BiasAdd, Relu6]. The fused node takes the name of the last node it replaces, so
// every consumer still finds its input. Weights are untouched; only model.json's topology changes.

const encode = (text) => [...Buffer.from(text, 'utf8')];

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

/** TF.js's fused kernels for each convolution; depthwise ones need their batch norm folded first (fold-batch-norm.mjs). */
const FUSED_OPS = { Conv2D: '_FusedConv2D', DepthwiseConv2dNative: 'FusedDepthwiseConv2dNative' };

/** @returns {{ topology: object, fused: number }} a new topology; the input is not modified. */
export function fuseConvolutions(topology, weightShapes) {
  const nodes = structuredClone(topology.node);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const consumers = consumersOf(nodes);
  const removed = new Set();
  let fused = 0;
  const isBiasConstant = (name) => byName.get(name)?.op === 'Const' && weightShapes.get(name)?.length === 1;
  const onlyConsumer = (node) => {
    const list = consumers.get(node.name) ?? [];
    return list.length === 1 ? list[0] : undefined;
  };

  // MobileNetV2's residual blocks end in Add(bias, AddN(Conv2D(x), shortcut)): the bias moves into the
  // convolution and one Add of the shortcut remains, one pass over the activations fewer per block.
  for (const conv of nodes) {
    if (conv.op !== 'Conv2D') continue;
    const sum = onlyConsumer(conv);
    if (sum?.op !== 'AddN' || sum.input?.length !== 2 || sum.input[0] !== conv.name) continue;
    const add = onlyConsumer(sum);
    if (add?.op !== 'Add' || add.input?.length !== 2) continue;
    const bias = add.input.find((input) => input !== sum.name);
    if (!isBiasConstant(bias)) continue;
    const shortcut = sum.input[1];
    byName.set(conv.name, {
      name: conv.name,
      op: '_FusedConv2D',
      input: [conv.input[0], conv.input[1], bias],
      attr: { ...conv.attr, fused_ops: { list: { s: [encode('BiasAdd')] } }, num_args: { i: '1' }, epsilon: { f: 0 } },
    });
    byName.set(add.name, {
      name: add.name,
      op: 'AddV2',
      input: [conv.name, shortcut],
      attr: { T: { type: 'DT_FLOAT' } },
    });
    removed.add(sum.name);
    fused++;
  }

  for (const conv of nodes) {
    const fusedOp = FUSED_OPS[conv.op];
    if (!fusedOp || removed.has(conv.name) || byName.get(conv.name) !== conv) continue;
    const add = onlyConsumer(conv);
    if (!add || !['Add', 'AddV2', 'BiasAdd'].includes(add.op) || add.input?.length !== 2) continue;
    const bias = add.input.find((input) => input !== conv.name);
    if (add.input[0] !== conv.name || !isBiasConstant(bias)) continue;
    const relu = onlyConsumer(add);
    const withRelu6 = relu?.op === 'Relu6';
    const last = withRelu6 ? relu : add;
    const fusedNode = {
      name: last.name,
      op: fusedOp,
      input: [conv.input[0], conv.input[1], bias],
      attr: {
        ...conv.attr,
        fused_ops: { list: { s: [encode('BiasAdd'), ...(withRelu6 ? [encode('Relu6')] : [])] } },
        num_args: { i: '1' },
        epsilon: { f: 0 },
      },
    };
    removed.add(conv.name);
    removed.add(add.name);
    if (withRelu6) removed.add(relu.name);
    byName.set(last.name, fusedNode);
    fused++;
  }
  const node = nodes.flatMap((n) => {
    const replacement = byName.get(n.name);
    if (!removed.has(n.name)) return [replacement ?? n];
    return Object.values(FUSED_OPS).includes(replacement?.op) ? [replacement] : [];
  });
  return { topology: { ...topology, node }, fused };
}

/**
 * Folds each depthwise convolution's batch norm into its kernel: DepthwiseConv2dNative → Mul(scale) →
 * Add(bias), or → FusedBatchNorm, then Relu6, becomes one FusedDepthwiseConv2dNative with fused_ops
 * [BiasAdd, Relu6] and its kernel multiplied by the per-channel scale (3 fewer passes over each of the
 * 33 depthwise outputs). Unlike fuseConvolutions this changes weights: it returns new ones.
 * @param weights Map name → { name, shape, dtype, values }
 * @returns {{ topology: object, weights: Map, fused: number }}; the inputs are not modified
 */
export function fuseDepthwiseBatchNorm(topology, weights) {
  const nodes = structuredClone(topology.node);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const consumers = consumersOf(nodes);
  const out = new Map(weights);
  const removed = new Set();
  let fused = 0;
  const onlyConsumer = (node) => {
    const list = consumers.get(node.name) ?? [];
    return list.length === 1 ? list[0] : undefined;
  };
  const constant = (name) => (byName.get(name)?.op === 'Const' ? weights.get(name) : undefined);
  // Scales and batch-norm statistics folded into kernels: dropped unless something else reads them.
  const foldedAway = new Set();

  for (const conv of nodes) {
    if (conv.op !== 'DepthwiseConv2dNative' || removed.has(conv.name)) continue;
    const kernel = constant(conv.input[1]);
    if (!kernel || (consumers.get(kernel.name) ?? []).length !== 1) continue;
    const channels = kernel.shape[2] * kernel.shape[3];
    let scale;
    let bias;
    let normNodes;
    const next = onlyConsumer(conv);
    if (next?.op === 'FusedBatchNorm' && next.input[0] === conv.name) {
      const [gamma, beta, mean, variance] = next.input.slice(1).map(constant);
      if (!gamma || !beta || !mean || !variance) continue;
      const epsilon = next.attr.epsilon?.f ?? 0.001;
      scale = gamma.values.map((g, c) => g / Math.sqrt(variance.values[c] + epsilon));
      bias = { ...beta, values: beta.values.map((b, c) => b - mean.values[c] * scale[c]) };
      normNodes = [next];
      for (const folded of [gamma, mean, variance]) foldedAway.add(folded.name);
    } else if (next?.op === 'Mul' && next.input[0] === conv.name) {
      const add = onlyConsumer(next);
      const multiplier = constant(next.input[1]);
      const addend =
        add && ['Add', 'AddV2', 'BiasAdd'].includes(add.op) && add.input[0] === next.name && constant(add.input[1]);
      if (!multiplier || !addend || multiplier.values.length !== channels || addend.values.length !== channels)
        continue;
      scale = multiplier.values;
      bias = addend;
      normNodes = [next, add];
      foldedAway.add(multiplier.name);
    } else {
      continue;
    }
    const norm = normNodes.at(-1);
    const relu = onlyConsumer(norm);
    const withRelu6 = relu?.op === 'Relu6';
    const last = withRelu6 ? relu : norm;
    // Kernel [h, w, in, multiplier]: output channel c = in · multiplier + m, the last axis fastest.
    const values = kernel.values.map((value, i) => value * scale[i % channels]);
    out.set(kernel.name, { ...kernel, values });
    out.set(bias.name, bias);
    byName.set(last.name, {
      name: last.name,
      op: 'FusedDepthwiseConv2dNative',
      input: [conv.input[0], kernel.name, bias.name],
      attr: {
        ...conv.attr,
        fused_ops: { list: { s: [encode('BiasAdd'), ...(withRelu6 ? [encode('Relu6')] : [])] } },
        num_args: { i: '1' },
      },
    });
    for (const node of [conv, ...normNodes, ...(withRelu6 ? [relu] : [])]) removed.add(node.name);
    fused++;
  }
  const node = nodes.flatMap((n) => {
    if (!removed.has(n.name)) return [n];
    const replacement = byName.get(n.name);
    return replacement?.op === 'FusedDepthwiseConv2dNative' ? [replacement] : [];
  });
  const read = new Set(node.flatMap((n) => (n.input ?? []).map((input) => input.replace(/^\^/, '').split(':')[0])));
  const unread = new Set([...foldedAway].filter((name) => !read.has(name)));
  for (const name of unread) out.delete(name);
  return { topology: { ...topology, node: node.filter((n) => !unread.has(n.name)) }, weights: out, fused };
}
