// Smaller copies of the float32 weights in TF.js's own quantized formats, which loadGraphModel
// dequantises at load time (weightsManifest[].weights[].quantization): float16 halves a tensor,
// uint8 (affine per tensor: value = q · scale + min) quarters it. Integer weights stay as they are.

const float32 = new Float32Array(1);
const bits = new Uint32Array(float32.buffer);

/** IEEE 754 binary32 → binary16 bits, round to nearest even (Node 20 has no Float16Array). */
export function toFloat16Bits(value) {
  float32[0] = value;
  const x = bits[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = mantissa >>> shift;
    const remainder = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return sign | (remainder > halfway || (remainder === halfway && half & 1) ? half + 1 : half);
  }
  let half = (e << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  if (remainder > 0x1000 || (remainder === 0x1000 && half & 1)) half++;
  return sign | half;
}

function toUint8(values, min, max) {
  // A constant tensor gets scale 1 rather than 0, so dequantising never divides the range by nothing.
  const scale = max > min ? (max - min) / 255 : 1;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((Math.min(max, Math.max(min, values[i])) - min) / scale);
  return { out, min, scale };
}

function squaredError(values, { out, min, scale }) {
  let error = 0;
  for (let i = 0; i < values.length; i++) error += (out[i] * scale + min - values[i]) ** 2;
  return error;
}

/**
 * uint8 over [min, max] of the tensor, or, with `fitRange`, over that range shrunk (in 2 % steps, down
 * to 30 %) to where the squared error is least: a few outlying weights then cost less than coarse
 * steps for all the others.
 */
function quantizeUint8(values, fitRange) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  let best = toUint8(values, min, max);
  if (fitRange) {
    let bestError = squaredError(values, best);
    for (let step = 1; step <= 35; step++) {
      const shrink = 1 - step * 0.02;
      const candidate = toUint8(values, min * shrink, max * shrink);
      const error = squaredError(values, candidate);
      if (error < bestError) [best, bestError] = [candidate, error];
    }
  }
  return { bytes: best.out, quantization: { dtype: 'uint8', min: best.min, scale: best.scale } };
}

function quantizeTensor(values, precision) {
  if (precision === 'float32') return { bytes: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
  if (precision === 'float16') {
    const out = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toFloat16Bits(values[i]);
    return { bytes: new Uint8Array(out.buffer), quantization: { dtype: 'float16' } };
  }
  if (precision === 'uint8') return quantizeUint8(values, false);
  if (precision === 'uint8-fit') return quantizeUint8(values, true);
  throw new Error(`unknown precision ${precision}`);
}

const bytesPerElement = { float32: 4, int32: 4 };

/**
 * Reads a model's float32/int32 weights.
 * @param manifest the model's weightsManifest
 * @param data all shards of all groups, concatenated in manifest order
 * @returns Map name → { name, shape, dtype, values } in manifest order
 */
export function readWeights(manifest, data) {
  const weights = new Map();
  let offset = 0;
  for (const group of manifest) {
    for (const { name, shape, dtype, quantization } of group.weights) {
      if (quantization || !bytesPerElement[dtype]) throw new Error(`${name}: only unquantized float32/int32 weights`);
      const size = shape.reduce((a, b) => a * b, 1) * bytesPerElement[dtype];
      const copy = data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + size);
      weights.set(name, {
        name,
        shape,
        dtype,
        values: dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy),
      });
      offset += size;
    }
  }
  if (offset !== data.length) throw new Error(`weights manifest covers ${offset} bytes, shards hold ${data.length}`);
  return weights;
}

/**
 * @param weights Map name → { name, shape, dtype, values }, as readWeights returns
 * @param precisionOf (weight) → 'float32' | 'float16' | 'uint8' | 'uint8-fit', for float32 weights
 * @returns one group's weight specs (paths filled in by the caller) and their bytes
 */
export function quantizeWeights(weights, precisionOf) {
  const specs = [];
  const chunks = [];
  for (const weight of weights.values()) {
    const { name, shape, dtype, values } = weight;
    const { bytes, quantization } =
      dtype === 'float32' ? quantizeTensor(values, precisionOf(weight)) : quantizeTensor(values, 'float32');
    specs.push(quantization ? { name, shape, dtype, quantization } : { name, shape, dtype });
    chunks.push(bytes);
  }
  return { weights: specs, bytes: Buffer.concat(chunks) };
}
