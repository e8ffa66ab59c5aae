// JSON from an imported file, read as data. JSON.parse itself never pollutes a prototype, but a key
// like "__proto__" becomes an own property that a later spread, Object.assign or merge would turn into
// a prototype change; no file of ours needs such a key, so a file that has one is refused.
import { ProblemError, problem } from './problem.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first forbidden key in `value` (searched without recursion, so depth cannot overflow the stack). */
export function forbiddenKeyIn(value: unknown): string | undefined {
  const pending: unknown[] = [value];
  while (pending.length) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      // One by one: spreading a million-element array would overflow the argument stack.
      for (const item of next) pending.push(item);
      continue;
    }
    for (const key of Object.keys(next)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push((next as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/**
 * Parses `text`, refusing keys that only code uses; `file` names it in the Problem. Malformed JSON is
 * reported with `malformed`, the caller's own code (each format words it for its files).
 */
export function parseDataJson(text: string, file: string, malformed: (why: string) => ProblemError): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  const key = forbiddenKeyIn(value);
  if (key) throw new ProblemError(problem('json.forbiddenKey', `${file}: the key "${key}" is not data`, { file }));
  return value;
}
