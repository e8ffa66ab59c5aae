import { expect } from '@esm-bundle/chai';
import type { MnistNoiseLab } from './mnist-noise-lab.ts';
import { MnistSession } from './mnist-session.ts';
import { noiseRuns } from './mnist-store.ts';
import './mnist-noise-lab.ts';

describe('<mnist-noise-lab>', () => {
  let lab: MnistNoiseLab;
  let session: MnistSession;

  beforeEach(async () => {
    noiseRuns.set([
      { rate: 0, kind: 'uniform', accuracy: 0.98, trainCount: 10_000, epochs: 2 },
      { rate: 0.4, kind: 'uniform', accuracy: 0.9, trainCount: 10_000, epochs: 2 },
    ]);
    session = new MnistSession();
    lab = document.createElement('mnist-noise-lab');
    lab.session = session;
    document.body.append(lab);
    await lab.updateComplete;
  });

  afterEach(() => {
    lab.remove();
    session.dispose();
    noiseRuns.clear();
  });

  const find = (selector: string) => lab.shadowRoot?.querySelector(selector);
  const buttons = () => [...(lab.shadowRoot?.querySelectorAll('button') ?? [])];

  it('charts the stored runs and follows runs added elsewhere and the clear button', async () => {
    expect(find('[data-noise-runs]')?.getAttribute('data-noise-runs')).to.equal('2');
    noiseRuns.set([...noiseRuns.get(), { rate: 0.8, kind: '7to1', accuracy: 0.7, trainCount: 10_000, epochs: 2 }]);
    await lab.updateComplete;
    expect(find('[data-noise-runs]')?.getAttribute('data-noise-runs')).to.equal('3');
    buttons()[2]?.click();
    await lab.updateComplete;
    expect(find('[data-noise-runs]')).to.equal(null);
    expect(find('line-chart')).to.equal(null);
    expect(buttons()[2]?.disabled).to.equal(true);
  });

  it('follows the shared settings and locks its buttons while a run is going', async () => {
    session.configure({ kind: '4to9' });
    await lab.updateComplete;
    expect(buttons()[0]?.textContent).to.contain('4 labelled as 9');
    let finish = () => {};
    const run = session.run('sweep', () => new Promise<void>((resolve) => (finish = resolve)));
    await lab.updateComplete;
    expect(buttons().map((button) => button.disabled)).to.deep.equal([true, true, true]);
    finish();
    await run;
    await lab.updateComplete;
    expect(buttons().map((button) => button.disabled)).to.deep.equal([false, false, false]);
  });
});
