// npm run real:extract -- --mirrors DIR --out DIR
// Lays the fetched real-photo repositories out as `train:default --real` reads them: one folder per
// source (src/dataset/real-sources.ts), holding its Roboflow export ({train,valid,test}/{images,labels},
// data.yaml). --mirrors holds the repositories as bare git directories named OWNER+NAME/repo (what the
// workspace's fetch tool brings) or OWNER+NAME (a plain clone); each is read at its HEAD.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REAL_SOURCES } from '../../src/dataset/real-sources.ts';

const { values } = parseArgs({ options: { mirrors: { type: 'string' }, out: { type: 'string' } } });
if (!values.mirrors || !values.out) {
  console.error('usage: npm run real:extract -- --mirrors DIR --out DIR');
  process.exit(2);
}
const out = resolve(values.out);

for (const source of REAL_SOURCES) {
  const name = source.repository.replace('/', '+');
  const candidates = [
    join(values.mirrors, name, 'repo'),
    join(values.mirrors, name, '.git'),
    join(values.mirrors, name),
  ];
  const gitDir = candidates.find((dir) => existsSync(join(dir, 'HEAD')));
  if (!gitDir) {
    console.log(`${source.slug}: ${source.repository} not under ${values.mirrors}, skipped`);
    continue;
  }
  const target = join(out, source.slug);
  mkdirSync(target, { recursive: true });
  const prefix = source.folder === '.' ? '' : `${source.folder}/`;
  const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const paths = ['train', 'valid', 'test', 'data.yaml', 'README.dataset.txt']
    .map((part) => `${prefix}${part}`)
    .filter((path) => execFileSync('git', ['--git-dir', gitDir, 'ls-tree', 'HEAD', path], { encoding: 'utf8' }).trim());
  const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', 'HEAD', ...paths], {
    maxBuffer: 4 * 2 ** 30,
  });
  const depth = prefix ? prefix.split('/').length - 1 : 0;
  execFileSync('tar', ['-x', '-C', target, `--strip-components=${depth}`], { input: archive });
  const images = ['train', 'valid', 'test']
    .map((split) => join(target, split, 'images'))
    .filter(existsSync)
    .reduce((sum, dir) => sum + readdirSync(dir).length, 0);
  console.log(`${source.slug}: ${images} images from ${source.repository}@${commit.slice(0, 7)} → ${target}`);
}
