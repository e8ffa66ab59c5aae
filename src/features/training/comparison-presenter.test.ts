import { expect } from '@esm-bundle/chai';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import type { Detection } from '../../model/geometry.ts';
import type { ComparisonPresenter } from './comparison-presenter.ts';
import { outcomeOf, type Row } from './comparison-rows.ts';
import './comparison-presenter.ts';

async function photo(): Promise<Blob> {
  const canvas = new OffscreenCanvas(320, 240);
  (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).fillRect(0, 0, 320, 240);
  return canvas.convertToBlob({ type: 'image/jpeg' });
}

const ball = (x: number): Detection => ({ box: [x, 10, 40, 40], label: 'ball', score: 0.9 }) as Detection;

/** Two balls per photo; stock finds one and raises a false alarm, the class model finds both. */
async function rows(count: number): Promise<Row[]> {
  const blob = await photo();
  return Array.from({ length: count }, (_, i) => {
    const image = {
      id: `${i}`,
      blob,
      width: 320,
      height: 240,
      boxes: [
        { box: [10, 10, 40, 40], label: 'ball' },
        { box: [200, 10, 40, 40], label: 'ball' },
      ],
    } as unknown as StoredImage;
    const stock = [ball(10), ball(100)];
    const yours = [ball(10), ball(200)];
    return { image, stock, yours, stockOutcome: outcomeOf(image, stock), yoursOutcome: outcomeOf(image, yours) };
  });
}

describe('<comparison-presenter>', () => {
  let presenter: ComparisonPresenter;

  beforeEach(async () => {
    presenter = document.createElement('comparison-presenter');
    presenter.rows = await rows(3);
    presenter.modelName = '3年2組';
    document.body.append(presenter);
    await presenter.updateComplete;
  });

  afterEach(() => presenter.remove());

  const numbers = (side: string) =>
    [...(presenter.shadowRoot?.querySelectorAll(`[data-side="${side}"] .big`) ?? [])].map((n) => n.textContent);

  it('shows both models’ totals side by side: found, false alarms, missed', () => {
    expect(numbers('stock')).to.deep.equal(['3', '3', '3']);
    expect(numbers('yours')).to.deep.equal(['6', '0', '0']);
  });

  it('draws each photo where a model is wrong, large enough for a projector', async () => {
    const canvases = [...(presenter.shadowRoot?.querySelectorAll('canvas') ?? [])];
    expect(canvases).to.have.length(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(canvases.map((canvas) => canvas.width)).to.deep.equal([640, 640, 640]);
  });

  it('Esc and ✕ both ask to leave', async () => {
    let closes = 0;
    presenter.addEventListener('tama-presenter-close', () => closes++);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    const close = presenter.shadowRoot?.querySelector<HTMLButtonElement>('button.close') as HTMLButtonElement;
    close.click();
    expect(closes).to.equal(2);
    const { width, height } = close.getBoundingClientRect();
    expect(Math.min(width, height)).to.be.at.least(44);
  });
});
