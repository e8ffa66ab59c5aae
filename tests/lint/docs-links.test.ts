// Every image and relative link in the README and docs/ resolves: the file exists, and a #fragment
// names a heading of the page it points to (GitHub's anchors). The guides' screenshots come from
// `npm run screenshots -- --docs` (scripts/lib/docs-screenshots.ts), which writes exactly DOCS_SHOTS.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { DOCS_SHOTS } from '../../scripts/lib/docs-shots.ts';

const root = resolve(import.meta.dirname, '../..');
const pages = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(root, 'docs', file)),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = (heading as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

const anchorsByFile = new Map<string, Set<string>>();
/** The anchors of a Markdown file, read once however many links point into it. */
function anchorsIn(file: string): Set<string> {
  let anchors = anchorsByFile.get(file);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(file, 'utf8'));
    anchorsByFile.set(file, anchors);
  }
  return anchors;
}

/** Relative link and image targets of a Markdown page (inline links, images and <img src>). */
function targetsOf(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] as string),
    ...[...text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] as string),
  ];
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

test('every image and relative link in the README and docs/ resolves', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const markdown = readFileSync(page, 'utf8');
    for (const target of targetsOf(markdown)) {
      checked += 1;
      const [path = '', fragment] = target.split('#');
      const file = path ? resolve(dirname(page), decodeURI(path)) : page;
      const where = `${relative(root, page)} → ${target}`;
      if (!existsSync(file)) {
        broken.push(`${where}: no such file`);
        continue;
      }
      if (fragment && file.endsWith('.md') && !anchorsIn(file).has(fragment))
        broken.push(`${where}: no heading #${fragment}`);
    }
  }
  console.log(`${checked} links and images in ${pages.length} pages`);
  assert.deepEqual(broken, []);
});

test('the guides show only the screenshots `npm run screenshots -- --docs` writes, and every one of them', () => {
  const images = join(root, 'docs/images');
  const shown = new Set(
    pages.flatMap((page) =>
      targetsOf(readFileSync(page, 'utf8'))
        .map((target) => resolve(dirname(page), target.split('#')[0] ?? ''))
        .filter((file) => file.startsWith(images))
        .map((file) => relative(images, file)),
    ),
  );
  const written = DOCS_SHOTS.map((name) => `${name}.png`);
  assert.deepEqual([...shown].sort(), [...written].sort());
  for (const file of written) assert.ok(statSync(join(images, file)).size > 10_000, `${file} is a real screenshot`);
  const teacherGuide = readFileSync(join(root, 'docs/ja/teacher-guide.md'), 'utf8');
  const teacherShots = targetsOf(teacherGuide).filter((target) => target.includes('images/'));
  assert.ok(teacherShots.length >= 8, `the teacher's guide shows ${teacherShots.length} screenshots`);
});
