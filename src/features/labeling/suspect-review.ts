import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { FIXES_FOR, type FixAction } from '../../dataset/label-review.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import { mistakeName } from '../../shared/ui/mistake-names.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { ReviewEndEvent, SuspectDecideEvent } from './labeling-events.ts';
import { drawSuspect } from './suspect-preview.ts';
import { suspectReviewStyles } from './suspect-review.styles.ts';

const percent = (score: number) => `${Math.round(score * 100)} %`;

/**
 * The review of a label-check suspect in the label editor: what the checker saw (the label's box in
 * orange, the model's dashed), zoomed in, one sentence, and the one-tap fixes that make sense for it.
 * @fires tama-suspect-decide - a fix or "the label was right"
 * @fires tama-review-end - leave the review
 */
export class SuspectReview extends LitElement {
  static override properties = {
    suspects: { attribute: false },
    image: { attribute: false },
    left: { type: Number },
  };
  static override styles = [pageStyles, suspectReviewStyles];

  /** This photo's pending suspects, worst first: the first is shown. */
  declare suspects: PhotoSuspect[];
  /** The photo itself, to zoom into. */
  declare image: Blob | undefined;
  /** Photos left in the queue, this one included. */
  declare left: number;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.suspects = [];
    this.left = 0;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('suspects') && !changed.has('image')) return;
    const canvas = this.renderRoot.querySelector('canvas');
    const suspect = this.suspects[0];
    if (canvas && suspect && this.image) void drawSuspect(canvas, this.image, suspect);
  }

  private _sentence(suspect: PhotoSuspect): string {
    const suggestion = suspect.suggestion;
    switch (suspect.kind) {
      case 'missed':
        return msg(str`The model sees a ball here (${percent(suspect.score)}) that has no box.`, {
          id: 'review.missed',
        });
      case 'extra':
        return msg('No model sees a ball in this box.', { id: 'review.extra' });
      case 'loose':
        return msg('The box is beside its ball: the model’s box (dashed) fits the ball better.', {
          id: 'review.loose',
        });
      case 'class':
        return msg(str`Labelled “${suspect.label}”, but it looks like “${suggestion?.label ?? ''}”.`, {
          id: 'review.class',
        });
    }
  }

  private _actionName(action: FixAction, suspect: PhotoSuspect): string {
    switch (action) {
      case 'add':
        return msg('Add this box', { id: 'review.fix.add' });
      case 'delete':
        return msg('Delete the box', { id: 'review.fix.delete' });
      case 'snap':
        return msg('Use the model’s box', { id: 'review.fix.snap' });
      case 'class':
        return msg(str`Change to “${suspect.suggestion?.label ?? ''}”`, { id: 'review.fix.class' });
      case 'keep':
        return msg('The label was right', { id: 'review.fix.keep' });
    }
  }

  override render() {
    const suspect = this.suspects[0];
    if (!suspect) return nothing;
    const more = this.suspects.length - 1;
    return html`<section class="review" aria-label=${msg('Label check review', { id: 'review.title' })}
      data-suspect-kind=${suspect.kind} data-left=${this.left}>
      <div class="head">
        <strong>${mistakeName(suspect.kind)}?</strong>
        <span class="left">${msg(str`${this.left} photos left`, { id: 'review.left' })}</span>
        <button class="end" data-review-end @click=${() => this.dispatchEvent(new ReviewEndEvent())}>
          ${msg('End review', { id: 'review.end' })}</button>
      </div>
      <div class="body">
        <canvas width="160" height="160" role="img" aria-label=${msg('The box in question, zoomed in', { id: 'review.preview' })}></canvas>
        <p>${this._sentence(suspect)}
          ${more > 0 ? html`<span class="more">${msg(str`(${more} more on this photo)`, { id: 'review.more' })}</span>` : nothing}</p>
      </div>
      <div class="fixes">${FIXES_FOR[suspect.kind].map(
        (action, i) => html`<button class=${i === 0 ? 'primary' : ''} data-fix=${action}
          @click=${() => this.dispatchEvent(new SuspectDecideEvent({ suspect, action }))}>${this._actionName(action, suspect)}</button>`,
      )}</div>
    </section>`;
  }
}

customElements.define('suspect-review', SuspectReview);

declare global {
  interface HTMLElementTagNameMap {
    'suspect-review': SuspectReview;
  }
}
