// One label-check worker run driven from an element (the checker card, the noise lab): its progress,
// pause and resume, cancel, and the error if it failed. The element re-renders on every change.
import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatRemaining } from '../../shared/format-duration.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { trackWork } from '../../shared/work-in-progress.ts';
import { LabelCheckClient } from './label-check-client.ts';
import type { CheckProgress, NoiseLabProgress } from './label-check-protocol.ts';

export type RunProgress = CheckProgress | NoiseLabProgress;

export class LabelCheckRunner implements ReactiveController {
  progress: RunProgress | undefined;
  paused = false;
  error: unknown;
  private client: LabelCheckClient | undefined;
  private abort: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    trackWork(host, 'training', () => this.running);
  }

  get running(): boolean {
    return this.client !== undefined;
  }

  hostDisconnected() {
    this.abort?.abort();
  }

  /** Runs `work` on a fresh worker; resolves undefined when cancelled or failed (the error is kept). */
  async run<T>(work: (client: LabelCheckClient, signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    if (this.client) return undefined;
    const client = new LabelCheckClient();
    const abort = new AbortController();
    this.client = client;
    this.abort = abort;
    this.error = undefined;
    this.paused = false;
    this.progress = undefined;
    this.host.requestUpdate();
    try {
      return await work(client, abort.signal);
    } catch (error) {
      if (!abort.signal.aborted) this.error = error;
      return undefined;
    } finally {
      client.terminate();
      this.client = undefined;
      this.abort = undefined;
      this.progress = undefined;
      this.host.requestUpdate();
    }
  }

  report = (progress: RunProgress) => {
    this.progress = progress;
    this.host.requestUpdate();
  };

  async togglePause() {
    if (!this.client) return;
    this.paused = !this.paused;
    this.host.requestUpdate();
    await (this.paused ? this.client.pause() : this.client.resume());
  }

  cancel() {
    this.abort?.abort();
  }

  /** The progress bar with what is happening, the time left, and pause / cancel; or the last error. */
  render(describe: (progress: RunProgress) => string) {
    if (!this.running)
      return this.error ? html`<p class="error" role="alert">${errorMessage('model', this.error)}</p>` : nothing;
    const progress = this.progress;
    const eta = progress?.etaMs;
    return html`<div class="run" data-running>
      <div class="progress-line">
        <span data-phase=${progress?.phase ?? 'loading'}>${
          this.paused
            ? msg('Paused', { id: 'check.paused' })
            : progress
              ? describe(progress)
              : msg('Starting…', { id: 'check.starting' })
        }</span>
        ${eta === undefined ? nothing : html`<span data-eta>${msg(str`about ${formatRemaining(eta)} left`, { id: 'check.eta' })}</span>`}
      </div>
      <progress max=${progress?.total ?? 1} value=${progress?.done ?? 0}></progress>
      <div class="actions">
        <button data-pause @click=${() => this.togglePause()}>${this.paused ? msg('Resume', { id: 'check.resume' }) : msg('Pause', { id: 'check.pause' })}</button>
        <button data-cancel @click=${() => this.cancel()}>${msg('Cancel', { id: 'check.cancel' })}</button>
      </div>
    </div>`;
  }
}
