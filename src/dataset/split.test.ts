import { expect } from '@esm-bundle/chai';
import type { StoredImage } from './dataset-store.ts';
import { datasetStats, splitOf } from './split.ts';

const image = (id: string, extra: Partial<StoredImage> = {}): StoredImage => ({
  id,
  blob: new Blob(),
  width: 10,
  height: 10,
  createdAt: 0,
  source: 'camera',
  boxes: [],
  negative: false,
  ...extra,
});

describe('train/validation split', () => {
  const images = Array.from({ length: 2000 }, (_, i) => image(`image-${i}`));

  it('is deterministic for a seed and follows the ratio', () => {
    const settings = { seed: 7, valRatio: 0.2 };
    const first = images.map((i) => splitOf(i, settings));
    expect(images.map((i) => splitOf(i, settings))).to.deep.equal(first);
    const val = first.filter((s) => s === 'val').length / images.length;
    expect(val).to.be.within(0.17, 0.23);
  });

  it('changes with the seed', () => {
    const a = images.map((i) => splitOf(i, { seed: 1, valRatio: 0.25 }));
    const b = images.map((i) => splitOf(i, { seed: 2, valRatio: 0.25 }));
    const differing = a.filter((s, i) => s !== b[i]).length;
    expect(differing).to.be.greaterThan(500);
  });

  it('keeps every frame of a burst on the same side', () => {
    for (let burst = 0; burst < 50; burst++) {
      const frames = Array.from({ length: 10 }, (_, i) => image(`b${burst}-f${i}`, { burstId: `burst-${burst}` }));
      const sides = new Set(frames.map((f) => splitOf(f, { seed: 3, valRatio: 0.5 })));
      expect(sides.size).to.equal(1);
    }
  });

  it('stays burst-safe after merging a class: bursts are kept whole whoever took them, names move nothing', () => {
    const settings = { seed: 5, valRatio: 0.5 };
    // 30 students, 3 bursts of 10 frames each; then the same photos as if merged without names.
    const merged = Array.from({ length: 30 * 3 * 10 }, (_, n) => {
      const student = Math.floor(n / 30);
      return image(`p${n}`, { burstId: `s${student}-b${Math.floor(n / 10) % 3}`, contributor: `${student + 1}` });
    });
    const bursts = new Map<string, Set<string>>();
    for (const frame of merged) {
      const sides = bursts.get(frame.burstId as string) ?? new Set();
      sides.add(splitOf(frame, settings));
      bursts.set(frame.burstId as string, sides);
    }
    expect(bursts.size).to.equal(90);
    expect([...bursts.values()].every((sides) => sides.size === 1)).to.equal(true);
    const sides = new Set([...bursts.values()].map((s) => [...s][0]));
    expect(sides).to.deep.equal(new Set(['train', 'val']));
    const unnamed = merged.map(({ contributor: _, ...frame }) => frame);
    expect(unnamed.map((f) => splitOf(f, settings))).to.deep.equal(merged.map((f) => splitOf(f, settings)));
  });

  it('counts images, boxes, negatives, unlabeled, classes and sides', () => {
    const box = (label: string) => ({ box: [0, 0, 1, 1] as [number, number, number, number], label });
    const stats = datasetStats(
      [
        image('a', { boxes: [box('ball'), box('テニスボール')] }),
        image('b', { negative: true }),
        image('c'),
        image('d', { boxes: [box('ball')] }),
      ],
      { seed: 1, valRatio: 0.5 },
    );
    expect(stats).to.deep.include({ images: 4, boxes: 3, labeled: 2, negatives: 1, unlabeled: 1 });
    expect(stats.classes).to.deep.equal({ ball: 2, テニスボール: 1 });
    expect(stats.train + stats.val).to.equal(4);
  });
});
