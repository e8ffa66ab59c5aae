import { expect } from '@esm-bundle/chai';
import type { DetectionOverlay } from './detection-overlay.ts';
import './detection-overlay.ts';

type Rect = [number, number, number, number];

function inside([x, y, w, h]: Rect, [px, py, pw, ph]: Rect): boolean {
  return x >= px - 1 && y >= py - 1 && x + w <= px + pw + 1 && y + h <= py + ph + 1;
}

describe('<detection-overlay>', () => {
  let overlay: DetectionOverlay;
  let frame: HTMLDivElement;

  beforeEach(async () => {
    // A phone's portrait presenter view: a 640×480 camera letterboxed in a 390×700 box.
    frame = document.createElement('div');
    frame.style.cssText = 'position: relative; width: 390px; height: 700px';
    overlay = document.createElement('detection-overlay');
    overlay.sourceWidth = 640;
    overlay.sourceHeight = 480;
    overlay.large = true;
    frame.append(overlay);
    document.body.append(frame);
    await overlay.updateComplete;
  });

  afterEach(() => frame.remove());

  async function draw(boxes: Rect[]) {
    overlay.detections = boxes.map((box, index) => ({ box, score: 0.87, label: 'sports ball', id: index + 1 }));
    overlay.frames += 1;
    await overlay.updateComplete;
    return {
      picture: JSON.parse(overlay.dataset.picture ?? '[]') as Rect,
      labels: JSON.parse(overlay.dataset.labels ?? '[]') as Rect[],
    };
  }

  it('keeps big labels of balls at the edges inside the picture', async () => {
    // Right edge, top edge, bottom-left corner: each label would run off the picture if drawn naively.
    const { picture, labels } = await draw([
      [472, 99, 168, 184],
      [250, 0, 80, 80],
      [0, 430, 50, 50],
    ]);
    expect(picture).to.deep.equal([0, 204, 390, 293]);
    expect(labels).to.have.length(3);
    for (const label of labels) expect(inside(label, picture), `${label} in ${picture}`).to.equal(true);
    // The right-edge label was shifted left, not cut: it still has its full width.
    const [left, , width] = labels[0] as Rect;
    expect(left + width).to.be.closeTo(390, 1);
    expect(width).to.be.above(100);
  });

  it('shrinks a label wider than a tiny picture instead of letting it spill out', async () => {
    frame.style.width = '120px';
    frame.style.height = '90px';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const { picture, labels } = await draw([[300, 200, 60, 60]]);
    expect(inside(labels[0] as Rect, picture)).to.equal(true);
  });
});
