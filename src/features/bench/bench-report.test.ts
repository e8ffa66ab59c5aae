import { expect } from '@esm-bundle/chai';
import { buildReport, REPORT_FORMAT, reportJson } from './bench-report.ts';
import { BackendUnavailableError } from './detector-bench.ts';
import type { DeviceFacts } from './device-facts.ts';

const device: DeviceFacts = {
  userAgent: 'a phone',
  crossOriginIsolated: false,
  screen: '390×844 @3x',
  offers: [
    { backend: 'webgpu', available: false, software: false, why: 'noWebGpu' },
    { backend: 'webgl', available: true, software: false },
    { backend: 'wasm', available: true, software: false },
    { backend: 'cpu', available: true, software: false },
  ],
};

describe('bench report', () => {
  it('lists the numbers, and every backend left out with its reason', () => {
    const report = buildReport({
      device,
      wasmThreads: 3,
      image: { source: 'procedural scene 7/24', width: 360, height: 480 },
      plan: { backends: ['webgl', 'wasm', 'cpu'], runs: 5, stock: false, train: false },
      outcomes: [
        {
          backend: 'webgl',
          status: 'unavailable',
          error: new BackendUnavailableError({ name: 'webgl', ok: false, reason: 'no WebGL2 context' }),
        },
        {
          backend: 'wasm',
          status: 'done',
          result: { backend: 'wasm', runs: 5, loadMs: 900, firstDetectionMs: 1000, oursMs: 50, oursBoxes: 2, fps: 20 },
        },
        { backend: 'cpu', status: 'failed', error: new TypeError('Failed to fetch') },
      ],
      cancelled: false,
      date: new Date('2026-01-02T03:04:05Z'),
      app: 'https://example.org/bench',
    });
    const parsed = JSON.parse(reportJson(report));
    expect(parsed.format).to.equal(REPORT_FORMAT);
    expect(parsed.date).to.equal('2026-01-02T03:04:05.000Z');
    expect(parsed.device).to.deep.equal({
      userAgent: 'a phone',
      crossOriginIsolated: false,
      screen: '390×844 @3x',
      wasmThreads: 3,
    });
    expect(parsed.results.map((result: { backend: string }) => result.backend)).to.deep.equal(['wasm']);
    expect(parsed.skipped).to.deep.equal([
      { backend: 'webgpu', reason: 'noWebGpu' },
      { backend: 'webgl', reason: 'no WebGL2 context' },
      { backend: 'cpu', reason: 'TypeError: Failed to fetch' },
    ]);
    expect(parsed.cancelled).to.equal(undefined);
  });
});
