// A small deterministic mutator for the import fuzzer: from a valid file and a seed, a broken one.
// Byte-level damage (truncation, flipped bytes, spliced runs, lying size fields) and structure-aware
// damage: a zip's entries renamed, dropped, duplicated or swapped, the JSON inside re-written with
// fields deleted, swapped, given the wrong type or giant numbers, YOLO lines and IDX headers bent; the
// result zipped again. The same seed always gives the same file.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Random } from '../shared/random.ts';
import { declareSizes, HTML_AS_IMAGE, pngHeader, SVG_AS_IMAGE } from './import-fixtures.ts';

type Mutation = (bytes: Uint8Array, random: Random) => Uint8Array;

const GIANTS = ['1e308', '-1e308', '1e999', '-0', '9007199254740993', '4294967296', '1e-320', 'NaN', 'Infinity'];
const STRANGE_KEYS = ['__proto__', 'constructor', 'prototype', '', 'images', 'bbox', 'weights', 'format'];
const STRANGE_NAMES = ['../x.jpg', '/abs.jpg', 'a\\b.jpg', 'C:/x.jpg', 'images/./a.jpg', 'model.json', 'x'.repeat(300)];

// ── bytes ──
const truncate: Mutation = (bytes, random) => bytes.slice(0, random.int(0, Math.max(0, bytes.length - 1)));
const flipBytes: Mutation = (bytes, random) => {
  const out = bytes.slice();
  for (let n = random.int(1, 8); n > 0 && out.length; n--) out[random.int(0, out.length - 1)] ^= 1 << random.int(0, 7);
  return out;
};
const splice: Mutation = (bytes, random) => {
  const at = random.int(0, bytes.length);
  const run = bytes.slice(random.int(0, bytes.length), random.int(0, bytes.length));
  return new Uint8Array([...bytes.subarray(0, at), ...run, ...bytes.subarray(at)]);
};
const stomp: Mutation = (bytes, random) => {
  const out = bytes.slice();
  const at = random.int(0, Math.max(0, out.length - 4));
  out.fill(random.pick([0, 0xff, 0x7f]), at, at + random.int(1, 16));
  return out;
};
const BYTE_MUTATIONS = [truncate, flipBytes, splice, stomp];

// ── JSON ──
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function nodes(value: Json, out: (Json[] | Record<string, Json>)[] = []): (Json[] | Record<string, Json>)[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value);
  for (const child of Object.values(value)) nodes(child, out);
  return out;
}

function strangeValue(random: Random): Json {
  return random.pick<() => Json>([
    () => null,
    () => random.pick(['', 'x', '1', '<svg onload=alert(1)>', 'ball'.repeat(100)]),
    () => random.pick([0, -1, 1e308, -1e308, 2 ** 53, 0.5]),
    () => random.chance(0.5),
    () => [],
    () => ({}),
    () => [1, 2, 3, 4],
  ])();
}

/** One structural change to a parsed JSON value; some need the text (giant literals, __proto__ keys). */
function mutateJson(text: string, random: Random): string {
  const root = JSON.parse(text) as Json;
  const all = nodes(root);
  const node = random.pick(all.length ? all : [[]]);
  const keys = Object.keys(node);
  const key = keys.length ? random.pick(keys) : '0';
  const record = node as Record<string, Json>;
  switch (random.int(0, 7)) {
    case 0:
      if (Array.isArray(node)) node.splice(Number(key), 1);
      else delete record[key];
      break;
    case 1:
      record[key] = strangeValue(random);
      break;
    case 2: {
      const other = keys.length ? random.pick(keys) : key;
      [record[key], record[other]] = [record[other] as Json, record[key] as Json];
      break;
    }
    case 3:
      if (Array.isArray(node) && node.length) for (let n = random.int(1, 50); n > 0; n--) node.push(node[0] as Json);
      else record[`${key}_copy`] = record[key] as Json;
      break;
    case 4:
      record[key] = Array.isArray(record[key]) ? {} : [record[key] as Json];
      break;
    case 5: {
      // A literal JSON.stringify cannot write: 1e999 parses as Infinity, "NaN" is not JSON at all.
      const numbers = [...JSON.stringify(root).matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
      if (!numbers.length) break;
      const { index, 0: found } = random.pick(numbers);
      const out = JSON.stringify(root);
      return out.slice(0, index) + random.pick(GIANTS) + out.slice((index ?? 0) + found.length);
    }
    case 6: {
      const out = JSON.stringify(root);
      const at = out.indexOf('{');
      if (at < 0) return out;
      return `${out.slice(0, at + 1)}"${random.pick(STRANGE_KEYS)}":${JSON.stringify(strangeValue(random))},${out.slice(at + 1)}`;
    }
    default:
      return JSON.stringify(strangeValue(random));
  }
  return JSON.stringify(root);
}

// ── text (YOLO labels, classes.txt) ──
function mutateLines(text: string, random: Random): string {
  const lines = text.split('\n');
  const at = random.int(0, Math.max(0, lines.length - 1));
  const parts = (lines[at] ?? '').split(' ');
  parts[random.int(0, Math.max(0, parts.length - 1))] = random.pick([...GIANTS, 'ball', '', '-1', '0 0 0 0 0 0']);
  lines[at] = random.chance(0.2) ? parts.reverse().join(' ') : parts.join(' ');
  if (random.chance(0.2)) lines.push(...lines);
  return lines.join('\n');
}

// ── zips ──
function mutateEntries(entries: Record<string, Uint8Array>, random: Random): Record<string, Uint8Array> {
  const names = Object.keys(entries);
  const name = names.length ? random.pick(names) : 'x';
  const data = entries[name] ?? new Uint8Array(0);
  const out = { ...entries };
  switch (random.int(0, 8)) {
    case 0:
      delete out[name];
      break;
    case 1:
      delete out[name];
      out[random.chance(0.5) ? random.pick(STRANGE_NAMES) : `${name}.bak`] = data;
      break;
    case 2:
      out[`copy-${name}`] = data;
      break;
    case 3: {
      const other = random.pick(names.length ? names : [name]);
      [out[name], out[other]] = [out[other] ?? data, data];
      break;
    }
    case 4:
      out[random.pick(['evil.js', 'index.html', 'images/zz.jpg', 'model.json'])] = random.pick([
        SVG_AS_IMAGE,
        HTML_AS_IMAGE,
        pngHeader(20_000, 10_000),
        strToU8('{}'),
      ]);
      break;
    case 5:
      out[name] = random.pick([SVG_AS_IMAGE, HTML_AS_IMAGE, pngHeader(random.int(1, 30_000), random.int(1, 30_000))]);
      break;
    default: {
      // Mostly: the JSON or the text inside, re-written.
      const target =
        names.find((n) => n.endsWith('.json') && random.chance(0.8)) ??
        names.find((n) => n.endsWith('.txt') && random.chance(0.5)) ??
        name;
      const entry = out[target] ?? new Uint8Array(0);
      try {
        out[target] = target.endsWith('.json')
          ? strToU8(mutateJson(strFromU8(entry), random))
          : target.endsWith('.txt')
            ? strToU8(mutateLines(strFromU8(entry), random))
            : random.pick(BYTE_MUTATIONS)(entry, random);
      } catch {
        out[target] = random.pick(BYTE_MUTATIONS)(entry, random);
      }
    }
  }
  return out;
}

/** A mutated copy of a valid .zip: mostly re-zipped with its entries or their JSON changed, else raw damage. */
export function mutateZip(zip: Uint8Array, random: Random): Uint8Array {
  const roll = random.next();
  if (roll < 0.2) return random.pick(BYTE_MUTATIONS)(zip, random);
  if (roll < 0.27) return declareSizes(zip, () => (random.chance(0.5) ? random.int(0, 0xffffffff) : undefined));
  let entries: Record<string, Uint8Array> = unzipSync(zip);
  for (let n = random.int(1, 3); n > 0; n--) entries = mutateEntries(entries, random);
  const level = random.pick([0, 1, 6, 9] as const);
  const rezipped = zipSync(entries, { level });
  return random.chance(0.1) ? random.pick(BYTE_MUTATIONS)(rezipped, random) : rezipped;
}

/** A mutated IDX file: its header bent (type, rank, a dimension) or its bytes damaged, or labels above 9. */
export function mutateIdx(idx: Uint8Array, random: Random): Uint8Array {
  const out = idx.slice();
  const view = new DataView(out.buffer);
  const rank = out[3] ?? 0;
  switch (random.int(0, 5)) {
    case 0:
      out[random.int(0, 3)] = random.int(0, 255);
      return out;
    case 1:
      if (rank)
        view.setUint32(4 + 4 * random.int(0, rank - 1), random.pick([0, 1, 27, 0xffffffff, random.int(0, 1e6)]));
      return out;
    case 2:
      for (let n = random.int(1, 4); n > 0; n--) out[random.int(4 + 4 * rank, out.length - 1)] = random.int(10, 255);
      return out;
    default:
      return random.pick(BYTE_MUTATIONS)(idx, random);
  }
}
