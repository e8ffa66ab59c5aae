import { expect } from '@esm-bundle/chai';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { BoxLabeler } from './box-labeler.ts';
import type { BoxesChangeEvent } from './boxes-change-event.ts';
import './box-labeler.ts';

const round = (box: number[]) => box.map((v) => Math.round(v));

describe('<box-labeler> with real pointer and keyboard input', () => {
  let labeler: BoxLabeler;
  let changes: number;

  beforeEach(async () => {
    document.body.style.margin = '0';
    labeler = document.createElement('box-labeler');
    // Shown at 320 px for a 640 px image: every pointer pixel is two image pixels.
    labeler.style.width = '320px';
    Object.assign(labeler, { src: '/datasets/sample/images/s1-00001.jpg', imageWidth: 640, imageHeight: 480 });
    changes = 0;
    labeler.addEventListener('tama-boxes-change', (_event: BoxesChangeEvent) => changes++);
    document.body.append(labeler);
    await labeler.updateComplete;
    await new Promise((resolve) =>
      labeler.shadowRoot?.querySelector('img')?.addEventListener('load', resolve, { once: true }),
    );
  });

  afterEach(async () => {
    labeler.remove();
    await resetMouse();
  });

  async function drag(from: [number, number], to: [number, number]) {
    const { left, top } = labeler.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(left + from[0]), Math.round(top + from[1])] });
    await sendMouse({ type: 'down' });
    await sendMouse({
      type: 'move',
      position: [Math.round(left + (from[0] + to[0]) / 2), Math.round(top + (from[1] + to[1]) / 2)],
    });
    await sendMouse({ type: 'move', position: [Math.round(left + to[0]), Math.round(top + to[1])] });
    await sendMouse({ type: 'up' });
    await labeler.updateComplete;
  }

  it('draws, moves and resizes a box, in image pixels', async () => {
    await drag([50, 50], [100, 90]);
    expect(labeler.boxes).to.have.length(1);
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([100, 100, 100, 80]);
    expect(labeler.boxes[0]?.label).to.equal('ball');

    await drag([75, 70], [85, 75]); // the body: move by (10, 5) screen = (20, 10) image px
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([120, 110, 100, 80]);

    await drag([110, 95], [120, 100]); // the south-east corner
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([120, 110, 120, 90]);
    expect(changes).to.equal(3);
  });

  it('a tap does not make a box', async () => {
    await drag([50, 50], [51, 51]);
    expect(labeler.boxes).to.deep.equal([]);
    expect(changes).to.equal(0);
  });

  it('nudges, resizes and deletes with the keyboard, and undoes and redoes', async () => {
    await drag([20, 20], [60, 50]);
    const drawn = round(labeler.boxes[0]?.box as number[]);
    (labeler.renderRoot.querySelector('rect.box') as SVGRectElement).focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([drawn[0] + 1, drawn[1], drawn[2], drawn[3] + 1]);
    await sendKeys({ press: 'Delete' });
    expect(labeler.boxes).to.deep.equal([]);
    await sendKeys({ press: 'Control+z' });
    expect(labeler.boxes).to.have.length(1);
    await sendKeys({ press: 'Control+z' });
    await sendKeys({ press: 'Control+z' });
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal(drawn);
    await sendKeys({ press: 'Control+Shift+z' });
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([drawn[0] + 1, drawn[1], drawn[2], drawn[3]]);
  });

  it('resizes from an edge along one axis', async () => {
    await drag([50, 50], [150, 130]); // image box [100, 100, 200, 160]
    await drag([150, 90], [170, 95]); // the east edge, away from its midpoint
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([100, 100, 240, 160]);
  });

  it('accepts a suggestion by a tap, by Enter, rejects by Delete, and undo brings it back', async () => {
    let open = -1;
    labeler.addEventListener('tama-suggestions-change', (event) => {
      open = event.detail.length;
    });
    labeler.suggestions = [
      { box: [40, 40, 60, 60], label: 'テニスボール', score: 0.9 },
      { box: [300, 200, 80, 80], label: 'ball', score: 0.6 },
      { box: [500, 100, 60, 60], label: 'ball', score: 0.4 },
    ];
    await labeler.updateComplete;
    await drag([35, 35], [35, 35]); // a tap inside the first suggestion (image 70, 70)
    expect(labeler.boxes).to.deep.equal([{ box: [40, 40, 60, 60], label: 'テニスボール' }]);
    expect(open).to.equal(2);

    const suggestions = () => [
      ...(labeler.renderRoot.querySelectorAll('rect.suggestion') as NodeListOf<SVGRectElement>),
    ];
    suggestions()[0]?.focus();
    await sendKeys({ press: 'Enter' });
    expect(labeler.boxes.map((b) => b.box)).to.deep.equal([
      [40, 40, 60, 60],
      [300, 200, 80, 80],
    ]);
    await labeler.updateComplete;
    suggestions()[0]?.focus();
    await sendKeys({ press: 'Delete' });
    expect(labeler.suggestions).to.deep.equal([]);
    expect(labeler.boxes).to.have.length(2);

    await sendKeys({ press: 'Control+z' });
    expect(labeler.suggestions.map((s) => s.score)).to.deep.equal([0.4]);
    labeler.acceptSuggestions();
    expect(labeler.boxes).to.have.length(3);
    labeler.undo();
    expect(labeler.boxes).to.have.length(2);
    expect(labeler.suggestions).to.have.length(1);
  });

  it('draws in image pixels while zoomed in, and relabels the selected box', async () => {
    labeler.focus();
    await sendKeys({ press: '+' }); // 1.5× about the centre (160, 120)
    await labeler.updateComplete;
    expect(labeler.zoom).to.equal(1.5);
    // Screen (160, 120) stays image (320, 240); 30 screen px are 40 image px at 1.5×.
    await drag([160, 120], [190, 150]);
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([320, 240, 40, 40]);
    expect(labeler.relabelSelected('サッカーボール')).to.equal(true);
    expect(labeler.boxes[0]?.label).to.equal('サッカーボール');
    await sendKeys({ press: '0' });
    expect(labeler.zoom).to.equal(1);
  });
});
