// A quantized model's weights (float16 and uint8 in the bundled COCO-SSD) become float32 when TF.js
// loads the graph, and then tensors: ~4 M values converted and copied in one go, a 45 ms task here and
// ~0.2 s on a mid-range phone, just as the page opens. Done here in slices instead, with the page free
// to answer a tap between them.
import type * as tfTypes from '@tensorflow/tfjs';
import { nextTask } from '../shared/next-task.ts';

type Tf = typeof tfTypes;
type ModelArtifacts = tfTypes.io.ModelArtifacts;
type WeightsManifestEntry = tfTypes.io.WeightsManifestEntry;

/** One slice of conversion stays well under the 50 ms that counts as a long task on a slow phone. */
const SLICE_MS = 8;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

let halfTable: Float32Array | undefined;
/** Every float16 bit pattern as a float32. */
function halfToFloat(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let bits = 0; bits < 65536; bits += 1) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const fraction = bits & 0x3ff;
    halfTable[bits] =
      exponent === 0
        ? sign * 2 ** -14 * (fraction / 1024)
        : exponent === 31
          ? fraction
            ? Number.NaN
            : sign * Number.POSITIVE_INFINITY
          : sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return halfTable;
}

const elementsOf = (spec: WeightsManifestEntry) => spec.shape.reduce((product, size) => product * size, 1);

/** A pause to await between pieces of work: it yields to the page once a slice has run `sliceMs`. */
function timeSlices(sliceMs: number): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart <= sliceMs) return;
    await nextTask();
    sliceStart = performance.now();
  };
}

function dequantize(spec: WeightsManifestEntry, bytes: ArrayBuffer): Float32Array {
  const quantization = spec.quantization as NonNullable<WeightsManifestEntry['quantization']>;
  if (quantization.dtype === 'float16') {
    const table = halfToFloat();
    const halves = new Uint16Array(bytes);
    const out = new Float32Array(halves.length);
    for (let i = 0; i < halves.length; i += 1) out[i] = table[halves[i] as number] as number;
    return out;
  }
  const values = quantization.dtype === 'uint16' ? new Uint16Array(bytes) : new Uint8Array(bytes);
  const scale = quantization.scale ?? 1;
  const min = quantization.min ?? 0;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = (values[i] as number) * scale + min;
  return out;
}

/**
 * The same artifacts with every quantized float weight converted to float32, yielding to the page
 * between slices. Artifacts it cannot convert (string weights, quantized integers) come back as they are.
 */
export async function withFloatWeights(
  artifacts: ModelArtifacts,
  join: (data: tfTypes.io.WeightData) => ArrayBuffer,
  sliceMs = SLICE_MS,
) {
  const specs = artifacts.weightSpecs;
  if (!specs || !artifacts.weightData) return artifacts;
  const convertible = specs.every(
    (spec) =>
      spec.dtype in BYTES && (!spec.quantization || (spec.dtype === 'float32' && spec.quantization.dtype in BYTES)),
  );
  if (!convertible || !specs.some((spec) => spec.quantization)) return artifacts;
  const data = join(artifacts.weightData);
  // One buffer for TF.js to slice, as it would have built itself.
  const out = new Uint8Array(specs.reduce((sum, spec) => sum + elementsOf(spec) * (BYTES[spec.dtype] as number), 0));
  let offset = 0;
  let written = 0;
  const pause = timeSlices(sliceMs);
  for (const spec of specs) {
    const size = elementsOf(spec) * (BYTES[spec.quantization?.dtype ?? spec.dtype] as number);
    const bytes = data.slice(offset, offset + size);
    offset += size;
    const converted = spec.quantization ? new Uint8Array(dequantize(spec, bytes).buffer) : new Uint8Array(bytes);
    out.set(converted, written);
    written += converted.byteLength;
    await pause();
  }
  const weightSpecs = specs.map(({ name, shape, dtype }) => ({ name, shape, dtype }));
  return { ...artifacts, weightSpecs, weightData: out.buffer };
}

/**
 * Each weight as a tensor, a slice of them at a time. Float32 and int32 weights in one buffer (what
 * withFloatWeights gives); anything else is decoded by TF.js in one go.
 */
async function weightTensors(tf: Tf, artifacts: ModelArtifacts, sliceMs: number): Promise<tfTypes.NamedTensorMap> {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData;
  const sliceable =
    data instanceof ArrayBuffer &&
    specs.every((spec) => !spec.quantization && ['float32', 'int32'].includes(spec.dtype));
  if (!sliceable) return tf.io.decodeWeights(data ?? new ArrayBuffer(0), specs);
  const tensors: tfTypes.NamedTensorMap = {};
  let offset = 0;
  const pause = timeSlices(sliceMs);
  try {
    for (const spec of specs) {
      const count = elementsOf(spec);
      const values =
        spec.dtype === 'int32' ? new Int32Array(data, offset, count) : new Float32Array(data, offset, count);
      tensors[spec.name] = tf.tensor(values, spec.shape, spec.dtype);
      offset += count * 4;
      await pause();
    }
  } catch (error) {
    tf.dispose(Object.values(tensors));
    throw error;
  }
  return tensors;
}

/** GraphModel's own step once the weights are tensors: private in tfjs-converter 4.22's types (pinned). */
interface WeightMapLoading {
  loadWithWeightMap(artifacts: ModelArtifacts, weights: tfTypes.NamedTensorMap): boolean;
}

/** tf.loadGraphModel(url), with the weights converted and made into tensors in slices. */
export async function loadGraphInSlices(
  tf: Tf,
  url: string,
  onProgress?: (fraction: number) => void,
  sliceMs = SLICE_MS,
): Promise<tfTypes.GraphModel> {
  const http = tf.io.http(url, onProgress ? { onProgress } : {});
  if (!http.load) throw new Error('TF.js has no HTTP model loader');
  const join = tf.io.CompositeArrayBuffer.join;
  const loaded = await withFloatWeights(await http.load(), join, sliceMs);
  // A float32 variant's shards come as several buffers: one, so its tensors are made in slices too.
  const data = loaded.weightData;
  const artifacts = data && !(data instanceof ArrayBuffer) ? { ...loaded, weightData: join(data) } : loaded;
  const model = new tf.GraphModel(http);
  (model as unknown as WeightMapLoading).loadWithWeightMap(artifacts, await weightTensors(tf, artifacts, sliceMs));
  return model;
}
