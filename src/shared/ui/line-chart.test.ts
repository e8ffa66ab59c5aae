import { expect } from '@esm-bundle/chai';
import type { LineChart } from './line-chart.ts';
import './line-chart.ts';

describe('<line-chart>', () => {
  let chart: LineChart;

  beforeEach(async () => {
    chart = document.createElement('line-chart');
    chart.style.width = '360px';
    document.body.append(chart);
    await chart.updateComplete;
  });

  afterEach(() => chart.remove());

  it('names its series in the legend with no "--" placeholders, before and after data', async () => {
    chart.xLabel = 'epoch';
    chart.series = [
      { label: 'loss', color: '#f97316', values: [] },
      { label: 'accuracy', color: '#22c55e', axis: 'right', values: [] },
    ];
    await chart.updateComplete;
    const legend = () => chart.shadowRoot?.querySelector('.u-legend')?.textContent ?? '';
    expect(legend()).to.contain('loss').and.contain('accuracy');
    expect(legend()).not.to.contain('--');
    chart.x = [1, 2];
    chart.series = chart.series.map((s, i) => ({ ...s, values: [0.5 + i, 0.25 + i / 2] }));
    await chart.updateComplete;
    expect(legend()).to.contain('loss');
    expect(legend()).not.to.contain('--');
  });
});
