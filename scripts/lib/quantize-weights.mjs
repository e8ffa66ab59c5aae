// Smaller copies of the float32 weights in TF.js's own quantized formats, which loadGraphModel
// dequantises at load time (weightsManifest[].weights[].quantization): float16 halves the download,
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

function quantizeTensor(values, dtype) {
  if (dtype === 'float16') {
    const out = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toFloat16Bits(values[i]);
    return { bytes: new Uint8Array(out.buffer), quantization: { dtype: 'float16' } };
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  // Keep 0 exactly representable range-wise, and avoid a zero scale for constant tensors.
  const scale = max > min ? (max - min) / 255 : 1;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((values[i] - min) / scale);
  return { bytes: out, quantization: { dtype: 'uint8', min, scale } };
}

const bytesPerElement = { float32: 4, int32: 4 };

/**
 * @param manifest the model's weightsManifest (one group)
 * @param data all shards of that group concatenated
 * @returns a one-group manifest (paths filled in by the caller) and the quantized bytes
 */
export function quantizeWeights(manifest, data, dtype) {
  const weights = [];
  const chunks = [];
  let offset = 0;
  for (const group of manifest) {
    for (const weight of group.weights) {
      const count = weight.shape.reduce((a, b) => a * b, 1);
      const size = count * bytesPerElement[weight.dtype];
      const slice = data.subarray(offset, offset + size);
      offset += size;
      if (weight.dtype === 'float32' && !weight.quantization) {
        const values = new Float32Array(slice.buffer.slice(slice.byteOffset, slice.byteOffset + size));
        const { bytes, quantization } = quantizeTensor(values, dtype);
        weights.push({ ...weight, quantization });
        chunks.push(bytes);
      } else {
        weights.push(weight);
        chunks.push(slice);
      }
    }
  }
  if (offset !== data.length) throw new Error(`weights manifest covers ${offset} bytes, shards hold ${data.length}`);
  return { weights, bytes: Buffer.concat(chunks) };
}
