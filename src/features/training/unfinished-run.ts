import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { modelStoreContext, type RunCheckpoint } from '../../model/model-store.ts';
import { appEvent } from '../../shared/typed-event.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { ModelsChangeEvent } from './models-change-event.ts';
import { keptModel, resumeImages } from './run-checkpoint.ts';
import { runGoingElsewhere } from './training-run-controller.ts';

/** The user chose to go on with an interrupted run. */
export class RunResumeEvent extends appEvent<RunCheckpoint>()('tama-run-resume') {}

/**
 * A run that did not finish (the tab was reloaded or closed, the browser crashed): says how far it
 * got and offers to keep its best heads as a model, to resume it after its last finished epoch, or
 * to discard it. Shows nothing when there is none, or while it is still going in another tab.
 * @fires tama-run-resume - with the checkpoint to go on from
 * @fires tama-models-change - after its best heads were kept as a model
 */
export class UnfinishedRun extends LitElement {
  static override properties = {
    images: { attribute: false },
    _error: { state: true },
  };
  static override styles = [
    pageStyles,
    css`
      .card {
        border-color: var(--accent);
      }
    `,
  ];

  /** The dataset as it is now: a run whose photos were deleted since cannot be resumed. */
  declare images: StoredImage[] | undefined;
  declare private _error: unknown;
  private readonly _store = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _run = new Task(this, {
    args: () => [this._store.value] as const,
    task: async ([store]) => {
      const run = await store?.unfinishedRun();
      return run && !(await runGoingElsewhere()) ? run : undefined;
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private async _keep(run: RunCheckpoint) {
    const store = this._store.value;
    if (!store) return;
    const date = new Date(run.startedAt).toLocaleString();
    const name = msg(str`${run.settings.classes.join(' + ')} · stopped at epoch ${run.state.epoch} · ${date}`, {
      id: 'train.unfinished.name',
    });
    try {
      await store.putFromRun(await keptModel(run, name), run.id);
    } catch (error) {
      this._error = error;
      return;
    }
    this.dispatchEvent(new ModelsChangeEvent());
    void this._run.run();
  }

  private async _discard(run: RunCheckpoint) {
    await this._store.value?.deleteRun(run.id);
    void this._run.run();
  }

  override render() {
    const run = this._run.value;
    if (!run) return nothing;
    const { state, settings } = run;
    const best = state.epochs.find((e) => e.epoch === state.bestEpoch)?.valMAP50;
    const missing = this.images ? resumeImages(run, this.images).missing : 0;
    return html`<section class="card" data-unfinished-run=${run.id} data-epoch=${state.epoch} role="region"
      aria-label=${msg('An unfinished training run', { id: 'train.unfinished.title' })}>
      <h2>${msg('An unfinished training run', { id: 'train.unfinished.title' })}</h2>
      <p>${msg(str`Training stopped after epoch ${state.epoch} of ${settings.epochs} (the page was reloaded or closed, or the browser stopped). Your photos were not changed.`, { id: 'train.unfinished.what' })}</p>
      <p>${
        !run.photos.val.length
          ? nothing
          : state.bestEpoch > 0 && best != null
            ? msg(str`Best so far: epoch ${state.bestEpoch}, validation mAP@0.5 ${best.toFixed(3)}.`, {
                id: 'train.unfinished.best',
              })
            : msg('No epoch has beaten the starting model yet.', { id: 'train.unfinished.noBest' })
      }</p>
      ${
        missing
          ? html`<p class="error" data-unfinished-missing>${msg(str`${missing} of its photos are no longer in the dataset, so it cannot be resumed.`, { id: 'train.unfinished.missing' })}</p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" data-keep @click=${() => this._keep(run)}>
          ${msg('Keep the best model', { id: 'train.unfinished.keep' })}</button>
        <button data-resume ?disabled=${!this.images || missing > 0}
          @click=${() => this.dispatchEvent(new RunResumeEvent(run))}>
          ${msg(str`Resume from epoch ${state.epoch + 1}`, { id: 'train.unfinished.resume' })}</button>
        <button data-discard @click=${() => this._discard(run)}>${msg('Discard', { id: 'train.unfinished.discard' })}</button>
      </div>
      ${this._error ? html`<p class="error" role="alert">${errorMessage('model', this._error)}</p>` : nothing}
    </section>`;
  }
}

customElements.define('unfinished-run', UnfinishedRun);

declare global {
  interface HTMLElementTagNameMap {
    'unfinished-run': UnfinishedRun;
  }
  interface GlobalEventHandlersEventMap {
    'tama-run-resume': RunResumeEvent;
  }
}
