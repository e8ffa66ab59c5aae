// What an imported "photo" really is, judged by its bytes before the browser decodes it: only JPEG, PNG,
// WebP, GIF, BMP and AVIF are read, whatever the file is called, so an SVG, a web page or a script named
// .jpg is refused, never rendered; and the size in its header is checked against the pixel cap, so a
// 200-megapixel photo is refused before its decode could take gigabytes.
import { IMPORT_LIMITS, type ImportLimits } from '../shared/import-limits.ts';
import { ProblemError, problem } from '../shared/problem.ts';

export interface ImageHeader {
  mime: string;
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Start-of-frame markers (not DHT C4, JPG C8, DAC CC) carry the frame's height and width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X')
    return {
      width: ((bytes[24] as number) | ((bytes[25] as number) << 8) | ((bytes[26] as number) << 16)) + 1,
      height: ((bytes[27] as number) | ((bytes[28] as number) << 8) | ((bytes[29] as number) << 16)) + 1,
    };
  return undefined;
}

/** AVIF (an ISO-BMFF file) states each image's size in an 'ispe' box; a grid's tiles have their own, smaller. */
function avifSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  let size: { width: number; height: number } | undefined;
  const end = Math.min(bytes.length - 16, 1024 * 1024);
  for (let at = 4; at < end; at++) {
    if (bytes[at] !== 0x69 || ascii(bytes, at, 4) !== 'ispe') continue;
    const found = { width: view.getUint32(at + 8), height: view.getUint32(at + 12) };
    if (!size || found.width * found.height > size.width * size.height) size = found;
  }
  return size;
}

/** The format and size a file's first bytes declare; undefined when they are none of the formats read. */
export function sniffImage(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const withSize = (mime: string, size: { width: number; height: number } | undefined) =>
    size ? { mime, ...size } : undefined;
  if (bytes.length < 12) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return withSize('image/jpeg', jpegSize(bytes, view));
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n' && bytes.length >= 24 && ascii(bytes, 12, 4) === 'IHDR')
    return { mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  if (/^GIF8[79]a$/.test(ascii(bytes, 0, 6)))
    return { mime: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return withSize('image/webp', webpSize(bytes, view));
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26) {
    const header = view.getUint32(14, true);
    return header === 12
      ? { mime: 'image/bmp', width: view.getUint16(18, true), height: view.getUint16(20, true) }
      : { mime: 'image/bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  }
  if (ascii(bytes, 4, 4) === 'ftyp' && /avi[fs]/.test(ascii(bytes, 8, Math.min(view.getUint32(0), 64) - 8)))
    return withSize('image/avif', avifSize(bytes, view));
  return undefined;
}

const ACTIVE_CONTENT =
  /<\s*(svg|html|script|!doctype|\?xml|body|iframe|object|embed)\b|javascript:|\bfunction\b|=>|\beval\s*\(|\bdocument\.|\bwindow\./i;

/** Markup or a script (SVG, HTML, JavaScript) rather than image data: what a browser could run or render. */
export function isActiveContent(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  if (!head.length || head.includes(0)) return false;
  return ACTIVE_CONTENT.test(new TextDecoder().decode(head));
}

/**
 * The checked header of an image file, or a ProblemError: 'file.disguised' for SVG, HTML or a script
 * named like a photo, 'image.unreadable' for any other unknown bytes, 'image.tooManyPixels'
 * above the pixel cap. `name` only goes into the English detail.
 */
export function checkImageBytes(
  bytes: Uint8Array,
  name: string,
  limits: Pick<ImportLimits, 'maxPixels' | 'maxImageSide'> = IMPORT_LIMITS,
): ImageHeader {
  const header = sniffImage(bytes);
  if (!header) {
    if (isActiveContent(bytes))
      throw new ProblemError(problem('file.disguised', `${name} is markup or a script, not an image`));
    throw new ProblemError(
      problem('image.unreadable', `${name}: corrupt or unsupported image (not JPEG, PNG, WebP, GIF, BMP or AVIF)`),
    );
  }
  const { width, height } = header;
  if (!(width > 0 && height > 0))
    throw new ProblemError(problem('image.unreadable', `${name}: its header says ${width}×${height}`));
  if (width * height > limits.maxPixels || Math.max(width, height) > limits.maxImageSide) {
    const max = Math.round(limits.maxPixels / 1e6);
    throw new ProblemError(
      problem('image.tooManyPixels', `${name} is ${width}×${height} (${Math.round((width * height) / 1e6)} MP)`, {
        size: `${width}×${height}`,
        max,
      }),
    );
  }
  return header;
}

/** Decodes a checked image to learn its size as the browser shows it (and that it decodes at all). */
export async function decodedSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}
