import { expect } from '@esm-bundle/chai';
import { MnistSession } from './mnist-session.ts';
import type { MnistTrainingCard } from './mnist-training-card.ts';
import './mnist-training-card.ts';

describe('<mnist-training-card>', () => {
  let card: MnistTrainingCard;
  let session: MnistSession;

  beforeEach(async () => {
    session = new MnistSession();
    card = document.createElement('mnist-training-card');
    card.session = session;
    document.body.append(card);
    await card.updateComplete;
  });

  afterEach(() => {
    card.remove();
    session.dispose();
  });

  const find = <E extends Element>(selector: string) => card.shadowRoot?.querySelector<E>(selector);

  it('writes its settings into the shared session', async () => {
    const subset = find<HTMLSelectElement>('[data-mnist-subset]') as HTMLSelectElement;
    subset.value = '2000';
    subset.dispatchEvent(new Event('change'));
    const epochs = find<HTMLInputElement>('[data-mnist-epochs]') as HTMLInputElement;
    epochs.value = '99';
    epochs.dispatchEvent(new Event('change'));
    expect(session.options()).to.include({ trainCount: 2000, epochs: 30, backend: 'auto' });
  });

  it('names its backend menu by the enclosing label, whose control is the menu’s select', async () => {
    const backend = find('[data-mnist-backend]') as HTMLElement;
    await (backend as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const control = backend.closest('label')?.control as HTMLSelectElement;
    expect(control.tagName).to.equal('SELECT');
    expect(backend.contains(control)).to.equal(true);
    control.value = 'wasm';
    control.dispatchEvent(new Event('change', { bubbles: true }));
    expect(session.settings.backend).to.equal('wasm');
  });

  it('offers Cancel while any run is going and shows that run’s progress', async () => {
    let finish = () => {};
    const run = session.run('sweep', () => new Promise<void>((resolve) => (finish = resolve)));
    session.setProgress({ epoch: 1, batch: 5, batches: 20 });
    await card.updateComplete;
    expect(find('[data-mnist-train]')).to.equal(null);
    expect(find<HTMLProgressElement>('progress')?.max).to.equal(20);
    expect(find('backend-select')?.querySelector('select')?.disabled).to.equal(true);
    finish();
    await run;
    await card.updateComplete;
    expect(find('[data-mnist-train]')).to.not.equal(null);
    expect(find('progress')).to.equal(null);
  });
});
