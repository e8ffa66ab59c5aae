import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import {
  lastCheck,
  pendingSuspects,
  reviewDecisions,
  reviewOrder,
  type StoredCheck,
  suspectsPerContributor,
} from '../../dataset/label-review.ts';
import { SUSPECT_KINDS } from '../../dataset/label-suspects.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelUrl } from '../../model/model-variants.ts';
import { fetchTrainedModel } from '../../model/trained-model.ts';
import { backendPreference } from '../../shared/backend/backend-preference.ts';
import { formatDuration } from '../../shared/format-duration.ts';
import { ReviewStartEvent } from '../../shared/review-start-event.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { mistakeName } from '../../shared/ui/mistake-names.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { labelCheckCardStyles } from './label-check-card.styles.ts';
import { asCheckPhoto } from './label-check-protocol.ts';
import { LabelCheckRunner, type RunProgress } from './label-check-runner.ts';
import './contributor-summary.ts';

const FOLDS = 5;
/** Each fold trains on the others: with fewer photos than this a fold's model has too little to learn from. */
export const MIN_CHECK_PHOTOS = 10;

const checkable = (image: StoredImage) => image.boxes.length > 0 || image.negative;

/**
 * 教師チェック on the Label page: every labelled photo is judged by models that did not learn from it;
 * where they disagree with its boxes, the box is a suspect. The result stays on this device, and
 * "Review" opens the suspects one photo at a time in the label editor (ReviewStartEvent).
 */
export class LabelCheckCard extends LitElement {
  static override properties = {
    images: { attribute: false },
    _check: { state: true },
    _decisions: { state: true },
  };
  static override styles = [pageStyles, labelCheckCardStyles];

  declare images: StoredImage[];
  declare private _check: StoredCheck | null;
  declare private _decisions: ReturnType<typeof reviewDecisions.get>;
  private readonly _runner = new LabelCheckRunner(this);
  private _unsubscribe: (() => void)[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.images = [];
    this._check = lastCheck.get();
    this._decisions = reviewDecisions.get();
  }

  override connectedCallback() {
    super.connectedCallback();
    this._unsubscribe = [
      lastCheck.subscribe((check) => {
        this._check = check;
      }),
      reviewDecisions.subscribe((decisions) => {
        this._decisions = decisions;
      }),
    ];
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const unsubscribe of this._unsubscribe) unsubscribe();
  }

  private async _start() {
    const photos = this.images.filter(checkable);
    const classes = [...new Set(photos.flatMap((image) => image.boxes.map((box) => box.label)))].sort();
    const outcome = await this._runner.run(async (client, signal) =>
      client.check(
        {
          photos: photos.map(asCheckPhoto),
          classes,
          folds: FOLDS,
          seed: 1,
          backend: backendPreference.get(),
          modelUrl: new URL(modelUrl(DEFAULT_MODEL_VARIANT), location.href).href,
          start: await fetchTrainedModel(ballModelUrl()),
        },
        this._runner.report,
        signal,
      ),
    );
    if (!outcome) return;
    const { suspects, folds, checked, ms, backend } = outcome;
    lastCheck.set({ at: Date.now(), suspects, folds, checked, ms, backend });
  }

  private _describe(progress: RunProgress): string {
    const { fold, folds } = progress as { fold?: number; folds?: number };
    switch (progress.phase) {
      case 'loading':
        return msg('Loading the model…', { id: 'check.phase.loading' });
      case 'features':
        return msg('Looking at every photo once…', { id: 'check.phase.features' });
      case 'training':
        return msg(str`Model ${fold ?? 1} of ${folds ?? FOLDS} learns from the other photos…`, {
          id: 'check.phase.training',
        });
      case 'checking':
        return msg(str`Model ${fold ?? 1} of ${folds ?? FOLDS} judges the photos it did not learn from…`, {
          id: 'check.phase.checking',
        });
      default:
        return msg('Done', { id: 'check.phase.done' });
    }
  }

  private _renderResult(check: StoredCheck) {
    const pending = pendingSuspects(check, this._decisions, this.images);
    const photos = reviewOrder(pending);
    const perKind = SUSPECT_KINDS.map((kind) => [kind, pending.filter((s) => s.kind === kind).length] as const);
    return html`<div class="result" data-check-result data-pending=${pending.length}>
      <p>${msg(str`Last check: ${check.checked} photos, ${check.folds} models, ${formatDuration(check.ms)}.`, { id: 'check.result.last' })}
        <strong>${
          pending.length
            ? msg(str`${pending.length} boxes to look at, in ${photos.length} photos.`, { id: 'check.result.pending' })
            : msg('Nothing left to look at.', { id: 'check.result.none' })
        }</strong></p>
      <ul class="kinds">${perKind.map(
        ([kind, count]) =>
          html`<li data-kind=${kind} data-count=${count}><span>${mistakeName(kind)}</span><b>${count}</b></li>`,
      )}</ul>
      <div class="actions">
        <button class="primary" data-review ?disabled=${!photos.length}
          @click=${() => this.dispatchEvent(new ReviewStartEvent(photos))}>${msg(str`Review (${photos.length} photos)`, { id: 'check.review' })}</button>
      </div>
      <contributor-summary .rows=${suspectsPerContributor(pending, this.images)}></contributor-summary>
    </div>`;
  }

  override render() {
    const count = this.images.filter(checkable).length;
    const running = this._runner.running;
    return html`<section class="card" data-label-check>
      <h2>${msg('Label check (教師チェック)', { id: 'check.title' })}</h2>
      <p>${msg('Models that never saw a photo look at it; where they disagree with its boxes, a box may be wrong: a ball nobody boxed, a box on no ball, a box beside its ball, or the wrong class. You decide.', { id: 'check.lead' })}</p>
      ${
        count < MIN_CHECK_PHOTOS
          ? html`<p class="hint" data-too-few>${msg(str`Needs at least ${MIN_CHECK_PHOTOS} labelled photos (you have ${count}).`, { id: 'check.tooFew' })}</p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" data-check ?disabled=${running || count < MIN_CHECK_PHOTOS} @click=${this._start}>
          ${msg(str`Check ${count} photos`, { id: 'check.start' })}</button>
      </div>
      ${this._runner.render((progress) => this._describe(progress))}
      ${this._check && !running ? this._renderResult(this._check) : nothing}
      ${glossaryRow(['label', 'crossValidation'])}
    </section>`;
  }
}

customElements.define('label-check-card', LabelCheckCard);

declare global {
  interface HTMLElementTagNameMap {
    'label-check-card': LabelCheckCard;
  }
}
