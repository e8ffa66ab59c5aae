import { expect } from '@esm-bundle/chai';
import { placeLabel } from './label-placement.ts';

describe('placeLabel', () => {
  const picture = [0, 185, 390, 292] as const;

  it('puts the label above the box when it fits inside the picture', () => {
    expect(placeLabel([100, 300, 50, 50], 120, 30, picture)).to.deep.equal([100, 270, 120, 30]);
  });

  it('moves the label inside the box when the box touches the top of the picture', () => {
    expect(placeLabel([100, 190, 50, 50], 120, 30, picture)).to.deep.equal([100, 190, 120, 30]);
  });

  it('shifts a label that would run off the right edge back inside the picture', () => {
    const [left, , width] = placeLabel([300, 300, 90, 90], 150, 30, picture);
    expect(left + width).to.equal(390);
    expect(left).to.equal(240);
  });

  it('keeps the label inside a letterboxed picture on every side', () => {
    expect(placeLabel([-20, 460, 40, 40], 80, 30, picture)).to.deep.equal([0, 430, 80, 30]);
    expect(placeLabel([0, 470, 40, 10], 80, 30, picture)).to.deep.equal([0, 440, 80, 30]);
  });

  it('never grows wider than the picture', () => {
    expect(placeLabel([10, 300, 40, 40], 500, 30, picture)).to.deep.equal([0, 270, 390, 30]);
  });
});
