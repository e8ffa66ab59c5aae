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

  it('resizes from an edge handle along one axis', async () => {
    await drag([50, 50], [150, 150]); // image [100, 100, 200, 200]
    await drag([155, 108], [175, 113]); // near the east edge's handle, at its midpoint (150, 100)
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([100, 100, 240, 200]);
  });

  it('picks a suggestion by a tap for the owner to accept or reject; Enter accepts, Delete rejects; undo brings it back', async () => {
    let open = -1;
    const selections: unknown[] = [];
    labeler.addEventListener('tama-suggestions-change', (event) => {
      open = event.detail.length;
    });
    labeler.addEventListener('tama-selection-change', (event) => selections.push(event.detail));
    labeler.suggestions = [
      { box: [40, 40, 60, 60], label: 'テニスボール', score: 0.9 },
      { box: [300, 200, 80, 80], label: 'ball', score: 0.6 },
      { box: [500, 100, 60, 60], label: 'ball', score: 0.4 },
    ];
    await labeler.updateComplete;
    await drag([35, 35], [35, 35]); // a tap inside the first suggestion (image 70, 70)
    expect(labeler.boxes).to.deep.equal([]);
    expect(labeler.selection).to.deep.equal({ suggestion: 0 });
    expect(selections.at(-1)).to.deep.equal({ suggestion: 0 });
    expect(labeler.renderRoot.querySelector('rect.suggestion.picked')?.getAttribute('data-index')).to.equal('0');
    labeler.acceptSuggestions([0]);
    await labeler.updateComplete;
    expect(labeler.boxes).to.deep.equal([{ box: [40, 40, 60, 60], label: 'テニスボール' }]);
    expect(open).to.equal(2);
    expect(labeler.selection).to.deep.equal({ box: 0 });

    await drag([170, 120], [170, 120]); // the (new) first suggestion, image (340, 240)
    expect(labeler.selection).to.deep.equal({ suggestion: 0 });
    labeler.rejectSuggestions([0]);
    await labeler.updateComplete;
    expect(labeler.suggestions.map((s) => s.score)).to.deep.equal([0.4]);
    expect(labeler.selection).to.deep.equal({});
    labeler.undo();
    expect(labeler.suggestions).to.have.length(2);

    const suggestions = () => [
      ...(labeler.renderRoot.querySelectorAll('rect.suggestion') as NodeListOf<SVGRectElement>),
    ];
    await labeler.updateComplete;
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

  it('draws a new box from right beside another box (selected or not), leaving the neighbour as it was', async () => {
    await drag([20, 20], [120, 100]); // image [40, 40, 200, 160], selected
    const neighbour = round(labeler.boxes[0]?.box as number[]);
    // 3 px right of its east edge, between its corner handles: a new box, not a stretched neighbour.
    await drag([123, 45], [170, 90]);
    expect(labeler.boxes).to.have.length(2);
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal(neighbour);
    expect(round(labeler.boxes[1]?.box as number[])).to.deep.equal([246, 90, 94, 90]);
    // Inside a box that is not selected, too (a ball in front of a bigger one).
    await drag([40, 40], [60, 60]);
    expect(labeler.boxes).to.have.length(3);
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal(neighbour);
  });

  it('gives each handle a touch area of 44 screen px at any zoom, grabbed just outside the box', async () => {
    await drag([60, 60], [160, 140]); // selected, image [120, 120, 200, 160]
    const sizes = () =>
      [...labeler.renderRoot.querySelectorAll('circle.handle-area')].map((c) => c.getBoundingClientRect().width);
    expect(sizes()).to.have.length.above(3);
    for (const size of sizes()) expect(size).to.be.within(43.5, 45);
    // 14 px diagonally outside the south-east corner: that handle's area resizes the box.
    await drag([170, 150], [180, 160]);
    expect(round(labeler.boxes[0]?.box as number[])).to.deep.equal([120, 120, 220, 180]);
    labeler.focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    await labeler.updateComplete;
    expect(labeler.zoom).to.be.above(2);
    for (const size of sizes()) expect(size).to.be.within(43.5, 45);
  });

  it('selects a box by a tap and lets it go by another; deletes and duplicates the selected box', async () => {
    await drag([20, 20], [60, 50]);
    await drag([100, 100], [140, 130]);
    await drag([40, 35], [40, 35]); // a tap on the first box
    expect(labeler.selection).to.deep.equal({ box: 0 });
    await drag([40, 35], [40, 35]);
    expect(labeler.selection).to.deep.equal({});
    await drag([40, 35], [40, 35]);
    labeler.duplicateSelected();
    expect(labeler.boxes).to.have.length(3);
    const [first, , copy] = labeler.boxes.map((b) => round(b.box));
    expect(copy).to.deep.equal([(first?.[0] ?? 0) + 20, (first?.[1] ?? 0) + 15, first?.[2], first?.[3]]);
    expect(labeler.selection).to.deep.equal({ box: 2 });
    labeler.deleteSelected();
    labeler.deleteSelected();
    expect(labeler.boxes).to.have.length(2);
    expect(labeler.selection).to.deep.equal({});
    await drag([110, 110], [110, 110]);
    labeler.deleteSelected();
    expect(labeler.boxes.map((b) => round(b.box))).to.deep.equal([first]);
    labeler.undo();
    expect(labeler.boxes).to.have.length(2);
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
