// The architecture rules that `npm run lint` enforces, shown failing on deliberate violations:
// sideways and upward imports (scripts/check-layers.ts) and DOM use in a worker (tsconfig.worker.json).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runScript } from '../support/run-script.ts';

const root = join(import.meta.dirname, '../..');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test("the app's own src/ keeps its layers", () => {
  const { code, stdout, stderr } = runScript('check-layers.ts', []);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /no upward or sideways import/);
});

test('a sideways or upward import fails lint with one line naming it', () => {
  const dir = tree({
    'features/labeling/page.ts': "import { trainer } from '../training/trainer.ts';\nexport const page = trainer;\n",
    'features/training/trainer.ts': "import { Box } from '../../model/box.ts';\nexport const trainer = 1;\n",
    'model/box.ts': "export type Box = number[];\nexport { html } from 'lit';\n",
    'model/store.ts': "import type { Photo } from '../dataset/photo.ts';\nexport type P = Photo;\n",
    'dataset/photo.ts': "import type { Box } from '../model/box.ts';\nexport type Photo = Box;\n",
    'shared/util.ts': "export { page } from '../features/labeling/page.ts';\n",
    'app/shell.ts': "import '../features/labeling/page.ts';\nimport '../model/box.ts';\n",
  });
  try {
    const { code, stderr } = runScript('check-layers.ts', [dir]);
    assert.equal(code, 1);
    const lines = stderr.split('\n').sort();
    assert.deepEqual(lines, [
      "layers: src/features/labeling/page.ts imports '../training/trainer.ts': a feature imports another feature (training); move what both need into model/, dataset/ or shared/",
      "layers: src/model/box.ts imports 'lit': model/ is framework-free: no Lit",
      "layers: src/model/store.ts imports '../dataset/photo.ts': model/ imports dataset/ (dataset may use model, not the reverse)",
      "layers: src/shared/util.ts imports '../features/labeling/page.ts': shared imports upward from feature:labeling",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker that touches the DOM does not type-check', () => {
  const dir = join(root, 'node_modules/.cache/worker-lint');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bad.worker.ts'), 'export const title = document.title;\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.worker.json', include: ['bad.worker.ts'] }),
  );
  try {
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 2, tsc.stdout);
    assert.match(tsc.stdout, /Cannot find name 'document'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
