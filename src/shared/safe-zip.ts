// Reading a .zip that may be hostile, from memory or a slice at a time from a File (a 400 MB zip is
// never held whole). The central directory is read first and checked as a whole —
// entry count, names, the sizes it declares — before a byte is inflated; then each entry is inflated
// on its own, in bounded steps, and stopped as soon as it unpacks to more than it declared. So a zip bomb
// (a small file that unpacks to gigabytes) costs a few kilobytes of work, not the tab.
import { Inflate, inflateSync, strFromU8 } from 'fflate';
import { IMPORT_LIMITS } from './import-limits.ts';
import { ProblemError, problem } from './problem.ts';

export interface ZipEntry {
  name: string;
  /** Unpacked size, as the central directory declares it. */
  size: number;
  compressedSize: number;
  /** 0 = stored, 8 = deflate (the only two read). */
  method: number;
  localHeader: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
}

const unreadable = (why: string) => new ProblemError(problem('archive.unreadable', `not a readable .zip (${why})`));

/** Why `name` cannot be an entry of a file we read: a path that climbs out, an absolute or a Windows path. */
export function unsafeEntryName(name: string): string | undefined {
  if (!name) return 'an empty name';
  if (name.includes('\\')) return 'a backslash';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((part) => part === '..' || part === '.')) return 'a relative path segment';
  if (name.length > 1024) return 'a name longer than 1024 characters';
  return undefined;
}

interface Directory {
  count: number;
  /** Where the central directory starts in the file, and its length. */
  offset: number;
  size: number;
  /** Where its zip64 record is, when the numbers are there (a zip of over 65,535 entries or 4 GB). */
  zip64At?: number;
  /** Where the end-of-directory record is: the directory ends before it. */
  end: number;
}

/** The central directory's place, from `view`: the file's last bytes, from `base` on. */
function findDirectory(view: DataView, base: number): Directory {
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const count = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 12, true);
    const offset = view.getUint32(at + 16, true);
    const zip64 = count === 0xffff || offset === 0xffffffff || size === 0xffffffff;
    const located = zip64 && at >= 20 && view.getUint32(at - 20, true) === 0x07064b50;
    return {
      count,
      size,
      offset,
      end: base + at,
      ...(located ? { zip64At: Number(view.getBigUint64(at - 12, true)) } : {}),
    };
  }
  throw unreadable('no end of central directory');
}

/** The directory with the real numbers of its zip64 record (`record`: its 56 bytes). */
function withZip64(directory: Directory, record: DataView): Directory {
  if (record.byteLength < 56 || record.getUint32(0, true) !== 0x06064b50) throw unreadable('zip64');
  return {
    ...directory,
    count: Number(record.getBigUint64(32, true)),
    size: Number(record.getBigUint64(40, true)),
    offset: Number(record.getBigUint64(48, true)),
  };
}

function checkedDirectory(directory: Directory, limits: ZipLimits): Directory {
  if (directory.offset + directory.size > directory.end) throw unreadable('broken central directory');
  if (directory.count > limits.maxEntries)
    throw new ProblemError(
      problem('archive.tooManyEntries', `${directory.count} entries, more than ${limits.maxEntries}`, {
        max: limits.maxEntries,
      }),
    );
  return directory;
}

/** Sizes and offset from a zip64 extra field, for the 32-bit fields that say 0xffffffff. */
function zip64Sizes(view: DataView, extra: number, extraEnd: number, entry: ZipEntry): void {
  for (let at = extra; at + 4 <= extraEnd; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const read = () => {
        if (field + 8 > at + 4 + length || field + 8 > view.byteLength) throw unreadable('short zip64 field');
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = read();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = read();
      if (entry.localHeader === 0xffffffff) entry.localHeader = read();
      return;
    }
    at += 4 + length;
  }
}

/** Random access to a zip's bytes: the whole file in memory, or a File (Blob) read a slice at a time. */
export interface ZipSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** What `read` gives is a view of memory the caller may not keep: copy a stored entry out. */
  shared?: boolean;
}

export type ZipData = Uint8Array | Blob | ZipSource;

export function zipSource(data: ZipData): ZipSource {
  if (!(data instanceof Uint8Array) && !(data instanceof Blob)) return data;
  if (data instanceof Uint8Array)
    return { size: data.length, shared: true, read: async (offset, length) => data.subarray(offset, offset + length) };
  return {
    size: data.size,
    read: async (offset, length) => new Uint8Array(await data.slice(offset, offset + length).arrayBuffer()),
  };
}

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A broken field (a DataView RangeError) is a broken zip like any other. */
function asUnreadable(error: unknown): never {
  if (error instanceof ProblemError) throw error;
  throw unreadable(error instanceof Error ? error.message : String(error));
}

/** How much of the end a zip's directory record can take (its comment may be 64 KB). */
const TAIL = 22 + 0xffff + 20;

/**
 * The files of a .zip (folders left out), checked before anything is inflated. Throws a ProblemError for
 * a file that is no zip, too many entries, an unsafe or repeated name, or more unpacked bytes than allowed.
 * Only the end of the file and its central directory are read.
 */
export async function listZip(data: ZipData, limits: ZipLimits = IMPORT_LIMITS): Promise<ZipEntry[]> {
  const source = zipSource(data);
  try {
    if (source.size < 22) throw unreadable(`${source.size} bytes`);
    const tailStart = Math.max(0, source.size - TAIL);
    let directory = findDirectory(viewOf(await source.read(tailStart, source.size - tailStart)), tailStart);
    if (directory.zip64At !== undefined)
      directory = withZip64(directory, viewOf(await source.read(directory.zip64At, 56)));
    const { offset, size, count } = checkedDirectory(directory, limits);
    return readDirectory(await source.read(offset, size), count, limits);
  } catch (error) {
    return asUnreadable(error);
  }
}

/** listZip for a zip held in memory (a model's: a few MB at most). */
export function listZipBytes(bytes: Uint8Array, limits: ZipLimits = IMPORT_LIMITS): ZipEntry[] {
  try {
    if (bytes.length < 22) throw unreadable(`${bytes.length} bytes`);
    let directory = findDirectory(viewOf(bytes), 0);
    if (directory.zip64At !== undefined)
      directory = withZip64(directory, viewOf(bytes.subarray(directory.zip64At, directory.zip64At + 56)));
    const { offset, size, count } = checkedDirectory(directory, limits);
    return readDirectory(bytes.subarray(offset, offset + size), count, limits);
  } catch (error) {
    return asUnreadable(error);
  }
}

/** The entries of a central directory (`bytes` is the directory alone). */
function readDirectory(bytes: Uint8Array, count: number, limits: ZipLimits): ZipEntry[] {
  const view = viewOf(bytes);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let unpacked = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw unreadable('broken central directory');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw unreadable('broken central directory');
    // Bit 11: the name is UTF-8; without it, as fflate and most tools do, one byte per character.
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength), !(flags & 0x800));
    const entry: ZipEntry = {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    };
    zip64Sizes(view, at + 46 + nameLength, Math.min(bytes.length, at + 46 + nameLength + extraLength), entry);
    at += 46 + nameLength + extraLength + commentLength;
    const unsafe = unsafeEntryName(name);
    if (unsafe || names.has(name))
      throw new ProblemError(
        problem('archive.badEntryName', `entry ${JSON.stringify(name.slice(0, 200))}: ${unsafe ?? 'a repeated name'}`, {
          file: name.slice(0, 200),
        }),
      );
    names.add(name);
    if (flags & 1) throw unreadable(`${name} is encrypted`);
    unpacked += entry.size;
    if (unpacked > limits.maxUnpackedBytes) {
      const limit = `${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB`;
      throw new ProblemError(
        problem('archive.tooLargeUnpacked', `the entries declare more than ${limit} unpacked`, { limit }),
      );
    }
    if (!name.endsWith('/')) entries.push(entry);
  }
  return entries;
}

/** Where an entry's stored (compressed) bytes start, from its local header's first 30 bytes at `at`. */
function dataStart(header: DataView, at: number, entry: ZipEntry, zipSize: number): number {
  if (header.byteLength < 30 || header.getUint32(0, true) !== 0x04034b50) throw unreadable(`${entry.name}: no header`);
  const start = at + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  if (start + entry.compressedSize > zipSize) throw unreadable(`${entry.name} is cut short`);
  return start;
}

const bomb = (entry: ZipEntry) =>
  new ProblemError(
    problem('archive.bomb', `${entry.name} unpacks to more than the ${entry.size} bytes it declares`, {
      file: entry.name,
    }),
  );

/**
 * One entry's bytes: exactly the size it declared, or a ProblemError (inflation stops at the first byte
 * too many). The caller bounds `entry.size` first: that many bytes are allocated. Only this entry is
 * read from `zip`.
 */
export async function readZipEntry(zip: ZipData, entry: ZipEntry): Promise<Uint8Array> {
  const source = zipSource(zip);
  const start = dataStart(viewOf(await source.read(entry.localHeader, 30)), entry.localHeader, entry, source.size);
  return unpack(await source.read(start, entry.compressedSize), entry, source.shared);
}

/**
 * A stored (uncompressed) entry of a zip in a Blob — a File — as a slice of it, of `type`: not a byte
 * is read but its header's. Undefined for anything else (then readZipEntry).
 */
export async function storedEntryBlob(zip: ZipData, entry: ZipEntry, type = ''): Promise<Blob | undefined> {
  if (!(zip instanceof Blob) || entry.method !== 0 || entry.compressedSize !== entry.size) return undefined;
  const source = zipSource(zip);
  const start = dataStart(viewOf(await source.read(entry.localHeader, 30)), entry.localHeader, entry, source.size);
  return zip.slice(start, start + entry.size, type);
}

/** readZipEntry for a zip held in memory. */
export function readZipEntryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeader;
  const start = dataStart(viewOf(bytes.subarray(at, at + 30)), at, entry, bytes.length);
  return unpack(bytes.subarray(start, start + entry.compressedSize), entry, true);
}

/** An entry's bytes from its stored ones; `shared` stored bytes are copied out, fresh ones handed on. */
function unpack(data: Uint8Array, entry: ZipEntry, shared = false): Uint8Array {
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw unreadable(`${entry.name}: stored sizes disagree`);
    return shared ? data.slice() : data;
  }
  if (entry.method !== 8) throw unreadable(`${entry.name}: compression method ${entry.method}`);
  if (!data.length) {
    if (entry.size) throw unreadable(`${entry.name} is empty`);
    return new Uint8Array(0);
  }
  const out = data.length <= ONE_STEP ? inflateAtOnce(data, entry) : inflateInSteps(data, entry);
  if (out.length !== entry.size) throw unreadable(`${entry.name}: ${out.length} bytes, declared ${entry.size}`);
  return out;
}

/**
 * Deflate turns one byte into at most ~1032, so 64 KB in means at most ~66 MB out: the bound on the
 * work (and on the one buffer) of a single inflate step.
 */
const ONE_STEP = 64 * 1024;

const inflateError = (entry: ZipEntry, error: unknown) =>
  unreadable(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`);

/**
 * A small entry in one call (several times faster than streaming it): into a buffer one byte longer than declared,
 * which fflate never grows, so a byte too many shows as a full buffer.
 */
function inflateAtOnce(data: Uint8Array, entry: ZipEntry): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateSync(data, { out: new Uint8Array(entry.size + 1) });
  } catch (error) {
    throw inflateError(entry, error);
  }
  if (out.length > entry.size) throw bomb(entry);
  return out;
}

/** A larger entry 64 KB at a time, stopped at the first step that goes past the declared size. */
function inflateInSteps(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflate = new Inflate((chunk) => {
    if (overflow || written + chunk.length > out.length) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length && !overflow; at += ONE_STEP)
      inflate.push(data.subarray(at, at + ONE_STEP), at + ONE_STEP >= data.length);
  } catch (error) {
    if (!overflow) throw inflateError(entry, error);
  }
  if (overflow) throw bomb(entry);
  return out.subarray(0, written);
}
