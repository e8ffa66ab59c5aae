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
