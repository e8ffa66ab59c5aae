import { expect } from '@esm-bundle/chai';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import type { NormalisedBox } from '../../model/ssd-targets.ts';
import { type Augmentation, augmentationFor, IDENTITY, INPUT_SIZE, renderView } from './augment.ts';

// Balls are flat squares of pure colours on a white photo, so the rendered view can be searched
// for each ball's pixels and compared with the box renderView returns for it.
const COLOURS = ['red', 'blue', 'lime'] as const;
type Colour = (typeof COLOURS)[number];
const LABELS: Record<Colour, string> = { red: 'ball', blue: 'テニスボール', lime: 'shuttle' };
const classOf = (label: string) => Object.values(LABELS).indexOf(label) + 1;

interface Layout {
  width: number;
  height: number;
  balls: Box[]; // ball i is painted COLOURS[i]
}

async function photo({ width, height, balls }: Layout): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  balls.forEach(([x, y, w, h], i) => {
    context.fillStyle = COLOURS[i] as Colour;
    context.fillRect(x, y, w, h);
  });
  return createImageBitmap(canvas);
}

const labelled = ({ balls }: Layout): LabeledBox[] =>
  balls.map((box, i) => ({ box, label: LABELS[COLOURS[i] as Colour] }));

/** Pixel bounds [ymin, xmin, ymax, xmax] (unit coordinates) of each colour in the view, or null. */
function colourBounds(canvas: OffscreenCanvas): Record<Colour, number[] | null> {
  const { data } = (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).getImageData(
    0,
    0,
    INPUT_SIZE,
    INPUT_SIZE,
  );
  const bounds: Record<Colour, number[] | null> = { red: null, blue: null, lime: null };
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
    // Mostly one channel: a ball pixel, or an edge pixel more than about half covered by one.
    const colour: Colour | undefined =
      r > 150 && g < 90 && b < 90
        ? 'red'
        : b > 150 && r < 90 && g < 90
          ? 'blue'
          : g > 150 && r < 90 && b < 90
            ? 'lime'
            : undefined;
    if (!colour) continue;
    const x = (i / 4) % INPUT_SIZE;
    const y = Math.floor(i / 4 / INPUT_SIZE);
    const box = bounds[colour] ?? [y, x, y + 1, x + 1];
    bounds[colour] = [
      Math.min(box[0] as number, y),
      Math.min(box[1] as number, x),
      Math.max(box[2] as number, y + 1),
      Math.max(box[3] as number, x + 1),
    ];
  }
  for (const colour of COLOURS) bounds[colour] = bounds[colour]?.map((v) => v / INPUT_SIZE) ?? null;
  return bounds;
}

/** Each returned box sits on its ball's pixels, to within 1.5 px per edge. */
function expectBoxesOnPixels(canvas: OffscreenCanvas, boxes: NormalisedBox[], count: number, what: string) {
  const bounds = colourBounds(canvas);
  for (let i = 0; i < count; i++) {
    const colour = COLOURS[i] as Colour;
    const found = bounds[colour];
    expect(found, `${what}: no ${colour} pixels`).to.not.equal(null);
    boxes[i]?.corners.forEach((v, k) => {
      expect(v, `${what}: ${colour} edge ${k}`).to.be.closeTo(found?.[k] as number, 1.5 / INPUT_SIZE);
    });
  }
}

const neutral = (augmentation: Augmentation): Augmentation => ({
  ...augmentation,
  brightness: 1,
  contrast: 1,
  blur: 0,
  paste: undefined,
});

describe('renderView', () => {
  const layout: Layout = {
    width: 400,
    height: 300,
    balls: [
      [60, 80, 50, 50],
      [200, 150, 40, 60],
    ],
  };
  let bitmap: ImageBitmap;
  before(async () => {
    bitmap = await photo(layout);
  });
  after(() => bitmap.close());

  const cases: [string, Partial<Augmentation>, number][] = [
    ['identity', {}, 400],
    ['flip', { flip: true }, 400],
    ['zoom in', { scale: 0.6, offsetX: 0.2, offsetY: 0.8 }, 240],
    ['zoom in, flipped', { scale: 0.6, offsetX: 1, offsetY: 0, flip: true }, 240],
    ['zoom out', { scale: 1.5, offsetX: 0.3, offsetY: 0.7 }, 600],
    ['zoom out, flipped', { scale: 1.5, offsetX: 0, offsetY: 1, flip: true }, 600],
  ];
  for (const [name, change, viewWidth] of cases) {
    it(`moves the boxes with the pixels: ${name}`, () => {
      const { canvas, boxes } = renderView(bitmap, labelled(layout), { ...IDENTITY, ...change }, classOf);
      expect(canvas.width).to.equal(INPUT_SIZE);
      expect(canvas.height).to.equal(INPUT_SIZE);
      expect(boxes.map((b) => b.classId)).to.deep.equal([1, 2]);
      expectBoxesOnPixels(canvas, boxes, 2, name);
      // The balls fit at this zoom, so the view is exactly the asked share of the photo.
      const [ymin, xmin, ymax, xmax] = (boxes[0] as NormalisedBox).corners;
      expect(xmax - xmin).to.be.closeTo(50 / viewWidth, 1e-9);
      expect(ymax - ymin).to.be.closeTo(50 / ((viewWidth * 3) / 4), 1e-9);
    });
  }

  it('fills the margin of a zoomed-out view with grey', () => {
    const { canvas } = renderView(bitmap, labelled(layout), { ...IDENTITY, scale: 1.5, offsetX: 1 }, classOf);
    // offsetX 1 puts the photo at the view's left edge, so the right edge is margin.
    const pixel = (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).getImageData(298, 150, 1, 1).data;
    expect(Array.from(pixel)).to.deep.equal([128, 128, 128, 255]);
  });

  it('leaves out boxes whose label has no class, and keeps the others’ ids', () => {
    const only = (label: string) => (label === 'テニスボール' ? 7 : 0);
    const { boxes } = renderView(bitmap, labelled(layout), IDENTITY, only);
    expect(boxes).to.have.length(1);
    expect(boxes[0]?.classId).to.equal(7);
    expect(boxes[0]?.corners[1]).to.be.closeTo(200 / 400, 1e-9);
  });

  it('pastes a copy of the first ball where asked, as a disc of its pixels, unless it would overlap', async () => {
    const single: Layout = { width: 300, height: 300, balls: [[30, 30, 60, 60]] };
    const source = await photo(single);
    try {
      const { canvas, boxes } = renderView(source, labelled(single), { ...IDENTITY, paste: { x: 1, y: 1 } }, classOf);
      expect(boxes).to.have.length(2);
      expect(boxes[1]?.classId).to.equal(boxes[0]?.classId);
      // Bottom-right corner of the view, same size as the ball.
      (boxes[1] as NormalisedBox).corners.forEach((v, k) => {
        expect(v).to.be.closeTo([0.8, 0.8, 1, 1][k] as number, 1e-9);
      });
      const pixels = (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).getImageData(240, 240, 60, 60).data;
      const at = (x: number, y: number) => Array.from(pixels.subarray((y * 60 + x) * 4, (y * 60 + x) * 4 + 3));
      expect(at(30, 30), 'centre of the pasted disc').to.deep.equal([255, 0, 0]);
      expect(at(1, 1), 'corner outside the disc').to.deep.equal([255, 255, 255]);
      // At the top-left the copy would land on the ball itself: no paste.
      expect(
        renderView(source, labelled(single), { ...IDENTITY, paste: { x: 0, y: 0 } }, classOf).boxes,
      ).to.have.length(1);
    } finally {
      source.close();
    }
  });
});

describe('renderView over many seeds', () => {
  const layouts: Layout[] = [
    { width: 400, height: 300, balls: [[60, 80, 50, 50]] },
    // Balls in opposite corners: no zoom-in fits, every view must keep the whole photo.
    {
      width: 400,
      height: 300,
      balls: [
        [0, 0, 40, 40],
        [360, 260, 40, 40],
      ],
    },
    {
      width: 300,
      height: 400,
      balls: [
        [120, 10, 60, 60],
        [20, 300, 30, 30],
        [250, 200, 40, 40],
      ],
    },
    { width: 640, height: 360, balls: [[500, 100, 120, 120]] },
    { width: 200, height: 200, balls: [[90, 90, 24, 24]] },
  ];

  it('never cuts a ball: every box is whole, inside the view, and on its pixels', async () => {
    for (const layout of layouts) {
      const bitmap = await photo(layout);
      const { width: W, height: H, balls } = layout;
      try {
        for (let seed = 1; seed <= 40; seed++) {
          for (let copy = 1; copy <= 3; copy++) {
            const what = `${W}×${H} seed ${seed} copy ${copy}`;
            const augmentation = augmentationFor(seed, copy);
            const { boxes } = renderView(bitmap, labelled(layout), augmentation, classOf);
            expect(boxes.length, what).to.be.within(balls.length, balls.length + 1);
            // Each box implies the view's size in photo pixels. A box clipped by the view would imply
            // a different size than the others, or break the photo's aspect ratio.
            const [vw, vh] = [0, 1].map((axis) => {
              const sizes = balls.map((ball, i) => {
                const c = (boxes[i] as NormalisedBox).corners;
                return axis ? ball[3] / (c[2] - c[0]) : ball[2] / (c[3] - c[1]);
              });
              for (const s of sizes) expect(s, what).to.be.closeTo(sizes[0] as number, 1e-6);
              return sizes[0] as number;
            }) as [number, number];
            expect(vw / vh, what).to.be.closeTo(W / H, 1e-6);
            // It never zooms in further than asked; when it zooms in less, the balls fill the view.
            expect(vw, what).to.be.at.least(W * augmentation.scale * (1 - 1e-9));
            const span = (lo: number, hi: number) =>
              Math.max(...boxes.slice(0, balls.length).map((b) => b.corners[hi] as number)) -
              Math.min(...boxes.slice(0, balls.length).map((b) => b.corners[lo] as number));
            if (vw > W * augmentation.scale * (1 + 1e-9))
              expect(Math.max(span(1, 3), span(0, 2)), what).to.be.closeTo(1, 1e-9);
            // All boxes agree on where the view sits: a zoomed-in view inside the photo, a
            // zoomed-out view around it.
            balls.forEach(([x, y, w], i) => {
              const [ymin, xmin] = (boxes[i] as NormalisedBox).corners;
              const x0 = augmentation.flip ? x + w - (1 - xmin) * vw : x - xmin * vw;
              const y0 = y - ymin * vh;
              expect(x0, what).to.be.within(Math.min(0, W - vw) - 1e-6, Math.max(0, W - vw) + 1e-6);
              expect(y0, what).to.be.within(Math.min(0, H - vh) - 1e-6, Math.max(0, H - vh) + 1e-6);
            });
            const pasted = boxes[balls.length];
            if (pasted) {
              const first = (boxes[0] as NormalisedBox).corners;
              const [ymin, xmin, ymax, xmax] = pasted.corners;
              expect(ymin, what).to.be.at.least(0);
              expect(xmin, what).to.be.at.least(0);
              expect(ymax, what).to.be.at.most(1 + 1e-9);
              expect(xmax, what).to.be.at.most(1 + 1e-9);
              expect(xmax - xmin, what).to.be.closeTo(first[3] - first[1], 1e-9);
              expect(pasted.classId, what).to.equal(boxes[0]?.classId);
              for (const other of boxes.slice(0, balls.length)) {
                const [a, b] = [other.corners, pasted.corners];
                const apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                expect(apart, `${what}: pasted ball overlaps a ball`).to.equal(true);
              }
            }
            // The same geometry with neutral colours: the boxes sit on the balls' pixels.
            const plain = renderView(bitmap, labelled(layout), neutral(augmentation), classOf);
            expectBoxesOnPixels(plain.canvas, plain.boxes, balls.length, what);
          }
        }
      } finally {
        bitmap.close();
      }
    }
  });
});

describe('augmentationFor', () => {
  it('is the identity for copy 0 and the same augmentation for the same seed and copy', () => {
    expect(augmentationFor(5, 0)).to.deep.equal(IDENTITY);
    for (let seed = 0; seed < 50; seed++) {
      for (let copy = 1; copy < 5; copy++)
        expect(augmentationFor(seed, copy)).to.deep.equal(augmentationFor(seed, copy));
    }
  });

  it('varies with seed and copy, within the documented ranges', () => {
    const all = Array.from({ length: 400 }, (_, i) => augmentationFor(Math.floor(i / 4), (i % 4) + 1));
    expect(new Set(all.map((a) => JSON.stringify(a))).size).to.equal(all.length);
    for (const a of all) {
      expect(a.scale).to.be.within(0.6, 1.6);
      expect(a.brightness).to.be.within(0.7, 1.3);
      expect(a.contrast).to.be.within(0.7, 1.3);
      expect(a.blur === 0 || (a.blur >= 0.5 && a.blur <= 1.5)).to.equal(true);
      expect(a.offsetX).to.be.within(0, 1);
      expect(a.offsetY).to.be.within(0, 1);
    }
    const share = (test: (a: Augmentation) => boolean) => all.filter(test).length / all.length;
    expect(share((a) => a.flip)).to.be.within(0.4, 0.6);
    expect(share((a) => a.scale < 1)).to.be.within(0.4, 0.6);
    expect(share((a) => a.blur > 0)).to.be.within(0.15, 0.35);
    expect(share((a) => a.paste !== undefined)).to.be.within(0.4, 0.6);
  });

  it('renders the same pixels for the same seed, and other pixels for another seed', async () => {
    const layout: Layout = { width: 400, height: 300, balls: [[60, 80, 50, 50]] };
    const bitmap = await photo(layout);
    const render = (seed: number) => {
      const { canvas, boxes } = renderView(bitmap, labelled(layout), augmentationFor(seed, 1), classOf);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      return { pixels: context.getImageData(0, 0, INPUT_SIZE, INPUT_SIZE).data, boxes };
    };
    // Count differing bytes rather than deep-compare: a failing deep.equal of 360 000 bytes takes
    // the runner minutes to print.
    const differing = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.filter((v, i) => v !== b[i]).length;
    try {
      for (const seed of [1, 2, 3]) {
        const [first, second] = [render(seed), render(seed)];
        expect(second.boxes, `seed ${seed}`).to.deep.equal(first.boxes);
        expect(differing(first.pixels, second.pixels), `seed ${seed}`).to.equal(0);
      }
      expect(differing(render(1).pixels, render(2).pixels)).to.be.greaterThan(1000);
    } finally {
      bitmap.close();
    }
  });
});
