// The bench page's parts as templates: the device's facts, why a backend is left out, the progress
// line, the results table and the ms/frame bars. Raw facts (browser names, GPU names, numbers) are
// marked data-raw: they are what the device says, in no language.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { BackendName } from '../../shared/backend/backends.ts';
import { errorDetail } from '../../shared/errors.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import type { BenchOutcome } from './bench-run.ts';
import type { BackendBench, BenchProgress } from './detector-bench.ts';
import type { DeviceFacts, UnavailableReason } from './device-facts.ts';

const NAMES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };
export const backendName = (backend: BackendName): string => NAMES[backend];

const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function unavailableText(why: UnavailableReason | 'software' | 'notStarted'): string {
  switch (why) {
    case 'noWebGpu':
      return msg('This browser has no WebGPU.', { id: 'bench.why.noWebGpu' });
    case 'noAdapter':
      return msg('The browser has WebGPU, but no graphics chip for it.', { id: 'bench.why.noAdapter' });
    case 'noWebGl2':
      return msg('This browser cannot open WebGL2.', { id: 'bench.why.noWebGl2' });
    case 'noWasm':
      return msg('This browser has no WebAssembly.', { id: 'bench.why.noWasm' });
    case 'software':
      return msg('The graphics chip is emulated in software: seconds per frame. Tick it to measure anyway.', {
        id: 'bench.why.software',
      });
    case 'notStarted':
      return msg('It did not start on this device.', { id: 'bench.why.notStarted' });
  }
}

/** The probe's English reason, mapped to what the page can say about it. */
function probeReason(reason: string | undefined): UnavailableReason | 'notStarted' {
  if (/navigator\.gpu/.test(reason ?? '')) return 'noWebGpu';
  if (/WebGPU adapter/.test(reason ?? '')) return 'noAdapter';
  if (/WebGL2/.test(reason ?? '')) return 'noWebGl2';
  if (/WebAssembly/.test(reason ?? '')) return 'noWasm';
  return 'notStarted';
}

const fact = (name: string, value: unknown) =>
  html`<dt>${name}</dt><dd data-raw>${value ?? msg('not told by the browser', { id: 'bench.device.unknown' })}</dd>`;

export function deviceView(facts: DeviceFacts, threads: number | undefined) {
  const yes = msg('yes', { id: 'bench.yes' });
  const no = msg('no', { id: 'bench.no' });
  const platform = [facts.platform, facts.platformVersion, facts.model].filter(Boolean).join(' ') || undefined;
  return html`<dl data-device>
    ${fact(msg('Browser', { id: 'bench.device.browser' }), facts.brands || facts.userAgent)}
    ${fact(msg('System', { id: 'bench.device.platform' }), platform)}
    ${fact(msg('Processor threads', { id: 'bench.device.cores' }), facts.hardwareConcurrency)}
    ${fact(
      msg('Memory', { id: 'bench.device.memory' }),
      facts.deviceMemoryGb ? msg(str`about ${facts.deviceMemoryGb} GB`, { id: 'bench.device.memoryValue' }) : undefined,
    )}
    ${fact(msg('Cross-origin isolated', { id: 'bench.device.isolated' }), facts.crossOriginIsolated ? yes : no)}
    ${fact(
      msg('WASM threads', { id: 'bench.device.wasmThreads' }),
      threads ?? msg('known after the WASM run', { id: 'bench.device.wasmThreadsLater' }),
    )}
    ${fact(msg('Graphics chip (WebGPU)', { id: 'bench.device.webgpu' }), facts.webgpuAdapter ?? msg('none', { id: 'bench.device.none' }))}
    ${fact(msg('Graphics chip (WebGL)', { id: 'bench.device.webgl' }), facts.webglRenderer ?? msg('none', { id: 'bench.device.none' }))}
    ${fact(msg('Screen', { id: 'bench.device.screen' }), facts.screen)}
  </dl>`;
}

export function progressText({ backend, part, done, total }: BenchProgress): string {
  const name = backendName(backend);
  switch (part) {
    case 'load':
      return msg(str`${name}: starting it and loading the model…`, { id: 'bench.progress.load' });
    case 'ours':
      return msg(str`${name}: frame ${done + 1} of ${total}`, { id: 'bench.progress.ours' });
    case 'stock':
      return msg(str`${name}: stock COCO-SSD, ${done + 1} of ${total}`, { id: 'bench.progress.stock' });
    case 'train':
      return msg(str`${name}: training step ${done + 1} of ${total}`, { id: 'bench.progress.train' });
  }
}

function resultRow(result: BackendBench, labels: Columns) {
  const dash = '—';
  return html`<tr data-result=${result.backend}>
    <th scope="row">${backendName(result.backend)}</th>
    <td data-ms data-label=${labels.ms}>${result.oursMs}</td>
    <td data-fps data-label="FPS">${result.fps}</td>
    <td data-label=${labels.load}>${seconds(result.loadMs)}</td>
    <td data-label=${labels.first}>${seconds(result.firstDetectionMs)}</td>
    <td data-label=${labels.ratio}>${result.ratio === undefined ? dash : `${result.ratio}×`}</td>
    <td data-label=${labels.train}>${result.trainStepMs ?? dash}</td>
  </tr>`;
}

function missingRow(outcome: Exclude<BenchOutcome, { status: 'done' }>) {
  const sentence =
    outcome.status === 'unavailable'
      ? html`<span class="error-text">${unavailableText(probeReason(outcome.error.probe.reason))}</span>
          <details class="error-detail"><summary>${msg('Details', { id: 'error.details' })}</summary><code>${errorDetail(outcome.error)}</code></details>`
      : errorMessage('model', outcome.error);
  return html`<tr data-missing=${outcome.backend}>
    <th scope="row">${backendName(outcome.backend)}</th>
    <td colspan="6" class="why">${sentence}</td>
  </tr>`;
}

interface Columns {
  ms: string;
  load: string;
  first: string;
  ratio: string;
  train: string;
}

export function resultsTable(outcomes: readonly BenchOutcome[]) {
  const labels: Columns = {
    ms: msg('ms/frame', { id: 'bench.col.ms' }),
    load: msg('Load (s)', { id: 'bench.col.load' }),
    first: msg('First detection (s)', { id: 'bench.col.first' }),
    ratio: msg('vs stock', { id: 'bench.col.ratio' }),
    train: msg('Training step (ms)', { id: 'bench.col.train' }),
  };
  return html`<div class="table-scroll"><table data-results>
    <thead><tr>
      <th scope="col">${msg('Backend', { id: 'bench.col.backend' })}</th>
      <th scope="col">${labels.ms}</th>
      <th scope="col">FPS</th>
      <th scope="col">${labels.load}</th>
      <th scope="col">${labels.first}</th>
      <th scope="col">${labels.ratio}</th>
      <th scope="col">${labels.train}</th>
    </tr></thead>
    <tbody>${outcomes.map((outcome) => (outcome.status === 'done' ? resultRow(outcome.result, labels) : missingRow(outcome)))}</tbody>
  </table></div>`;
}

/** Bars of ms/frame, ours beside stock's where measured, on one linear scale: shorter is faster. */
export function msChart(results: readonly BackendBench[]) {
  if (!results.length) return nothing;
  const longest = Math.max(...results.flatMap((result) => [result.oursMs, result.stockMs ?? 0]), 1);
  const bar = (kind: 'ours' | 'stock', ms: number, label: string) =>
    html`<div class="bar-line"><span class="bar ${kind}" style="width:calc((100% - 5.5rem) * ${Math.max(0.005, ms / longest)})"></span>
      <span class="bar-value">${ms} ms <span class="visually-hidden">${label}</span></span></div>`;
  const ours = msg('Ball model', { id: 'bench.chart.ours' });
  const stock = msg('Stock COCO-SSD', { id: 'bench.chart.stock' });
  const hasStock = results.some((result) => result.stockMs !== undefined);
  return html`<figure class="chart" data-chart>
    <figcaption>${msg('Milliseconds per frame (shorter is faster)', { id: 'bench.chart.title' })}</figcaption>
    ${
      hasStock
        ? html`<p class="key" aria-hidden="true"><span><i class="swatch ours"></i>${ours}</span>
          <span><i class="swatch stock"></i>${stock}</span></p>`
        : nothing
    }
    ${results.map(
      (result) => html`<div class="bar-group" data-bar=${result.backend}>
        <span class="bar-name">${backendName(result.backend)}</span>
        <div class="bars">
          ${bar('ours', result.oursMs, ours)}
          ${result.stockMs === undefined ? nothing : bar('stock', result.stockMs, stock)}
        </div>
      </div>`,
    )}
  </figure>`;
}
