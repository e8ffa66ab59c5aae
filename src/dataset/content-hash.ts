// SHA-256 of a photo's bytes, hex: the same photo imported twice (or by two students) has the same one.
// Read a chunk at a time into one reused buffer and hashed as it comes (@noble/hashes), so hashing a
// photo — even a large one, straight from a 400 MB zip — never copies it whole into memory.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const CHUNK = 256 * 1024;
/** The buffer of the last hash, for the next one: hundreds of photos in a row share it. */
let spare: ArrayBuffer | undefined;

export async function contentHash(blob: Blob): Promise<string> {
  const hash = sha256.create();
  let reader: ReadableStreamBYOBReader | undefined;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    // A browser without byte streams for Blobs: the chunks it hands out are new each time.
    hash.update(new Uint8Array(await blob.arrayBuffer()));
    return bytesToHex(hash.digest());
  }
  let buffer = spare ?? new ArrayBuffer(CHUNK);
  spare = undefined;
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(buffer));
    // Each read hands the buffer back (detached from the view it was given): the next read reuses it.
    if (value) buffer = value.buffer as ArrayBuffer;
    if (done || !value) break;
    hash.update(value);
  }
  spare = buffer;
  return bytesToHex(hash.digest());
}

/** The same, from bytes already in memory. */
export const bytesHash = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));
