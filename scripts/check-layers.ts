// Lint step: imports only go down the layers
//   app (src/app, src/harness, src/main.ts) → features (src/features/<name>) → model, dataset → shared
// A feature never imports another feature, dataset may use model's types but not the reverse, the cores
// (model, dataset) never import Lit at run time, and nothing imports upward. One line per
// violation, naming the file and the import. Usage: tsx scripts/check-layers.ts [srcDir]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** The layer a file under src/ belongs to: 'app', 'feature:<name>', 'model', 'dataset' or 'shared'. */
export function layerOf(path: string): string {
  const [top, second] = path.split('/');
  if (top === 'features') return `feature:${second}`;
  if (top === 'model' || top === 'dataset' || top === 'shared') return top;
  return 'app';
}

const rank: Record<string, number> = { app: 3, feature: 2, model: 1, dataset: 1, shared: 0 };
const rankOf = (layer: string) => rank[layer.split(':')[0] as string] as number;

/** Why `from` may not import `to`, or undefined when it may. */
export function forbidden(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (from.startsWith('feature:') && to.startsWith('feature:'))
    return `a feature imports another feature (${to.slice(8)}); move what both need into model/, dataset/ or shared/`;
  if (from === 'model' && to === 'dataset') return 'model/ imports dataset/ (dataset may use model, not the reverse)';
  if (rankOf(to) > rankOf(from)) return `${from} imports upward from ${to}`;
  return undefined;
}

const importPattern =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g;
const litRuntime = /^(lit|lit\/.*|@lit\/.*)$/;

export function checkLayers(srcDir: string): Violation[] {
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('.ts'));
  const violations: Violation[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const text = readFileSync(join(srcDir, file), 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const typeOnly = Boolean(match[2]);
      const specifier = (match[3] ?? match[4] ?? match[5]) as string;
      if (!specifier.startsWith('.')) {
        if (!typeOnly && (from === 'model' || from === 'dataset') && litRuntime.test(specifier))
          violations.push({ file, specifier, reason: `${from}/ is framework-free: no Lit` });
        continue;
      }
      const target = relative(srcDir, resolve(dirname(join(srcDir, file)), specifier))
        .split(sep)
        .join('/');
      if (target.startsWith('..')) continue;
      const reason = forbidden(from, layerOf(target));
      if (reason) violations.push({ file, specifier, reason });
    }
  }
  return violations;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-layers.ts')) {
  const srcDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../src'));
  const violations = checkLayers(srcDir);
  for (const { file, specifier, reason } of violations)
    console.error(`layers: src/${file} imports '${specifier}': ${reason}`);
  if (violations.length) process.exit(1);
  console.log('layers: app → features → model/dataset → shared, no upward or sideways import');
}
