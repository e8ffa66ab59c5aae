import { expect } from '@esm-bundle/chai';
import { type Box, iou } from '../model/geometry.ts';
import { BoxNoiseError, injectBoxNoise, type NoiseOptions, type NoisyImage } from './box-noise.ts';

type Photo = NoisyImage & { negative: boolean };

const WIDTH = 640;
const HEIGHT = 480;
const CLASSES = ['red', 'blue'];

/** 20 photos with 1–3 non-overlapping boxes each (39 boxes), the classes alternating. */
const photo = (i: number): Photo => ({
  id: `photo-${i}`,
  width: WIDTH,
  height: HEIGHT,
  boxes: Array.from({ length: (i % 3) + 1 }, (_, b) => ({
    box: [30 + b * 210, 40 + (i % 5) * 60, 60 + (i % 4) * 10, 50 + b * 10] as Box,
    label: CLASSES[(i + b) % 2] as string,
  })),
  negative: false,
});
const photos = Array.from({ length: 20 }, (_, i) => photo(i));
const TOTAL = photos.reduce((sum, p) => sum + p.boxes.length, 0);
const COMBINED = { missed: 0.1, loose: 0.1, class: 0.05, extra: 0.05 };

const boxCount = (images: readonly Photo[]) => images.reduce((sum, p) => sum + p.boxes.length, 0);
const sameBox = (a: Box, b: Box) => a.every((value, i) => value === b[i]);
const originalOf = (imageId: string) => photos.find((p) => p.id === imageId) as Photo;
const expectInside = (image: Photo) => {
  for (const { box } of image.boxes) {
    const [x, y, w, h] = box;
    expect(x, `${image.id} left`).to.be.at.least(-1e-6);
    expect(y, `${image.id} top`).to.be.at.least(-1e-6);
    expect(x + w, `${image.id} right`).to.be.at.most(image.width + 1e-6);
    expect(y + h, `${image.id} bottom`).to.be.at.most(image.height + 1e-6);
  }
};

describe('box noise (悪い教師 for boxes)', () => {
  it('uses a dataset of 39 boxes', () => expect(TOTAL).to.equal(39));

  it('drops exactly round(rate × boxes) boxes for missed', () => {
    const { images, errors } = injectBoxNoise(photos, { rates: { missed: 0.2 }, seed: 1 });
    const wanted = Math.round(0.2 * TOTAL);
    expect(errors.filter((e) => e.kind === 'missed')).to.have.length(wanted);
    expect(boxCount(images)).to.equal(TOTAL - wanted);
  });

  it('moves exactly round(rate × boxes) boxes for loose', () => {
    const { images, errors } = injectBoxNoise(photos, { rates: { loose: 0.25 }, seed: 2 });
    const wanted = Math.round(0.25 * TOTAL);
    const moved = images.flatMap((p, i) => p.boxes.filter((b, j) => !sameBox(b.box, photos[i]?.boxes[j]?.box as Box)));
    expect(moved).to.have.length(wanted);
    expect(errors).to.have.length(wanted);
    expect(boxCount(images)).to.equal(TOTAL);
  });

  it('relabels exactly round(rate × boxes) boxes for class', () => {
    const { images, errors } = injectBoxNoise(photos, { rates: { class: 0.2 }, seed: 3 });
    const wanted = Math.round(0.2 * TOTAL);
    const relabelled = images.flatMap((p, i) => p.boxes.filter((b, j) => b.label !== photos[i]?.boxes[j]?.label));
    expect(relabelled).to.have.length(wanted);
    for (const error of errors) expect(error.label).to.not.equal(error.original?.label);
  });

  it('adds exactly round(rate × boxes) boxes for extra', () => {
    const { images, errors } = injectBoxNoise(photos, { rates: { extra: 0.1 }, seed: 4 });
    const wanted = Math.round(0.1 * TOTAL);
    expect(errors.filter((e) => e.kind === 'extra')).to.have.length(wanted);
    expect(boxCount(images)).to.equal(TOTAL + wanted);
  });

  it('gives the same output for a seed, another for another seed, and never changes its input', () => {
    const before = structuredClone(photos);
    const first = injectBoxNoise(photos, { rates: COMBINED, seed: 11 });
    expect(injectBoxNoise(photos, { rates: COMBINED, seed: 11 })).to.deep.equal(first);
    expect(injectBoxNoise(photos, { rates: COMBINED, seed: 12 }).errors).to.not.deep.equal(first.errors);
    expect(photos).to.deep.equal(before);
  });

  it('keeps every box inside its picture', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rates = { loose: 0.5, extra: 0.5, missed: 0.1, class: 0.1 };
      for (const image of injectBoxNoise(photos, { rates, seed }).images) expectInside(image);
    }
  });

  it('moves a loose box well off its ball and remembers the old box', () => {
    const { images, errors } = injectBoxNoise(photos, { rates: { loose: 1 }, seed: 6 });
    expect(errors).to.have.length(TOTAL);
    for (const error of errors) {
      const image = images.find((p) => p.id === error.imageId) as Photo;
      const index = image.boxes.findIndex((b) => sameBox(b.box, error.box));
      const original = originalOf(error.imageId).boxes[index];
      expect(error.original).to.deep.equal(original);
      expect(iou(error.box, original?.box as Box)).to.be.below(0.75);
    }
  });

  it('draws extra boxes where no original box is, dropped ones included', () => {
    for (const seed of [1, 2, 3]) {
      const { errors } = injectBoxNoise(photos, { rates: { ...COMBINED, missed: 0.5, extra: 0.5 }, seed });
      const extras = errors.filter((e) => e.kind === 'extra');
      expect(extras).to.have.length(Math.round(0.5 * TOTAL));
      for (const extra of extras) {
        for (const { box } of originalOf(extra.imageId).boxes) expect(iou(extra.box, box)).to.equal(0);
      }
    }
  });

  it('never gives one box two kinds of mistake', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { images, errors } = injectBoxNoise(photos, { rates: COMBINED, seed });
      const onExisting = errors.filter((e) => e.kind !== 'extra');
      const slots = onExisting.map((error) => {
        const was = error.kind === 'missed' ? error.box : (error.original?.box as Box);
        const index = originalOf(error.imageId).boxes.findIndex((b) => sameBox(b.box, was));
        expect(index, `${error.kind} in ${error.imageId}`).to.be.at.least(0);
        return `${error.imageId}/${index}`;
      });
      expect(new Set(slots).size).to.equal(onExisting.length);
      for (const error of onExisting) {
        const now = (images.find((p) => p.id === error.imageId) as Photo).boxes;
        const kept = now.find((b) => sameBox(b.box, error.box));
        if (error.kind === 'missed') expect(kept).to.equal(undefined);
        else expect(kept).to.deep.equal({ box: error.box, label: error.label });
      }
    }
  });

  it('refuses a class mistake with one class and rates outside 0…1 or adding up past 1', () => {
    const reasonFor = (images: readonly Photo[], rates: NoiseOptions['rates']) => {
      try {
        injectBoxNoise(images, { rates, seed: 1 });
      } catch (error) {
        expect(error).to.be.instanceOf(BoxNoiseError);
        return (error as BoxNoiseError).reason;
      }
      return 'accepted';
    };
    const oneClass = photos.map((p) => ({ ...p, boxes: p.boxes.map((b) => ({ ...b, label: 'red' })) }));
    expect(reasonFor(oneClass, { class: 0.1 })).to.equal('one-class');
    for (const rates of [{ missed: -0.1 }, { loose: 1.5 }, { extra: 2 }, { class: Number.NaN }]) {
      expect(reasonFor(photos, rates), JSON.stringify(rates)).to.equal('rate');
    }
    expect(reasonFor(photos, { missed: 0.5, loose: 0.4, class: 0.2 })).to.equal('rate');
    // Extra boxes are new ones, so they do not count towards the boxes shared out among the kinds.
    expect(reasonFor(photos, { missed: 0.6, extra: 0.9 })).to.equal('accepted');
  });

  it('marks a photo whose every box was dropped as negative, and only those', () => {
    const all = injectBoxNoise(photos, { rates: { missed: 1 }, seed: 1 }).images;
    expect(all.every((p) => p.boxes.length === 0 && p.negative)).to.equal(true);
    const { images } = injectBoxNoise(photos, { rates: { missed: 0.5 }, seed: 8 });
    const emptied = images.filter((p) => p.boxes.length === 0);
    expect(emptied.length).to.be.greaterThan(0);
    for (const image of images) expect(image.negative, image.id).to.equal(image.boxes.length === 0);
  });

  it('only touches the photos it is given: a validation set beside them stays as it was', () => {
    const train = photos.slice(0, 14);
    const validation = photos.slice(14);
    const before = structuredClone(validation);
    const { images, errors } = injectBoxNoise(train, { rates: COMBINED, seed: 9 });
    expect(validation).to.deep.equal(before);
    const trainIds = new Set(train.map((p) => p.id));
    expect(images.map((p) => p.id)).to.deep.equal([...trainIds]);
    expect(errors.every((e) => trainIds.has(e.imageId))).to.equal(true);
  });
});
