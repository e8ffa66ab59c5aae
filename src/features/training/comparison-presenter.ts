import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { appUrl } from '../../shared/app-url.ts';
import { appEvent } from '../../shared/typed-event.ts';
import { comparisonPresenterStyles } from './comparison-presenter.styles.ts';
import { COLOURS, drawPending, type Row, type Totals, totals, wrongRows } from './comparison-rows.ts';

export class PresenterCloseEvent extends appEvent<void>()('tama-presenter-close') {}
export class DistributeEvent extends appEvent<void>()('tama-distribute') {}

/** Gallery photos are drawn this wide: sharp at a third of a 1920 px projector. */
const PROJECTED_WIDTH = 640;

/**
 * The comparison for a classroom projector (1920×1080): the screen filled, stock COCO and the class
 * model side by side in numbers readable from the back row, and big photos of where they differ.
 * Esc or ✕ leaves; leaving the browser's fullscreen leaves too.
 */
export class ComparisonPresenter extends LitElement {
  static override properties = {
    rows: { attribute: false },
    modelName: { attribute: false },
    score: { attribute: false },
    sentMessage: { attribute: false },
  };
  static override styles = comparisonPresenterStyles;

  declare rows: Row[];
  declare modelName: string;
  declare score: number;
  declare sentMessage: string;
  private _wasFullscreen = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.rows = [];
    this.modelName = '';
    this.score = 0.5;
    this.sentMessage = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
    document.addEventListener('fullscreenchange', this._onFullscreenChange);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
    document.removeEventListener('fullscreenchange', this._onFullscreenChange);
    if (document.fullscreenElement === this) void document.exitFullscreen().catch(() => {});
  }

  override firstUpdated() {
    // Still inside the click that opened it, so the browser allows fullscreen; without it, the fixed layer covers the page.
    void this.requestFullscreen?.().catch(() => {});
    this.renderRoot.querySelector<HTMLButtonElement>('.close')?.focus();
  }

  protected override updated() {
    drawPending(this.renderRoot, this.rows, PROJECTED_WIDTH);
  }

  private _close() {
    this.dispatchEvent(new PresenterCloseEvent());
  }

  private readonly _onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this._close();
  };

  // In fullscreen the browser takes Esc for itself and only reports that fullscreen ended.
  private readonly _onFullscreenChange = () => {
    if (document.fullscreenElement === this) this._wasFullscreen = true;
    else if (this._wasFullscreen) this._close();
  };

  private _side(kind: 'stock' | 'yours', title: string, counts: Totals) {
    const balls = counts.tp + counts.fn;
    return html`<section class="side" data-side=${kind} style="--side-colour:${COLOURS[kind]}">
      <h3><i class="swatch" aria-hidden="true"></i>${title}</h3>
      <dl>
        <div><dt>${msg('found', { id: 'compare.tp' })}</dt>
          <dd><span class="big" data-found>${counts.tp}</span><span class="of">${msg(str`of ${balls}`, { id: 'compare.presenter.of' })}</span></dd></div>
        <div><dt>${msg('false alarms', { id: 'compare.fp' })}</dt><dd><span class="big">${counts.fp}</span></dd></div>
        <div><dt>${msg('missed', { id: 'compare.fn' })}</dt><dd><span class="big">${counts.fn}</span></dd></div>
      </dl>
    </section>`;
  }

  override render() {
    const { stock, yours } = totals(this.rows);
    const wrong = wrongRows(this.rows);
    return html`
      <div class="layer" role="dialog" aria-modal="true" aria-labelledby="title" data-presenter>
        <header class="bar">
          <h2 id="title">${msg(str`Stock COCO vs “${this.modelName}”`, { id: 'compare.presenter.title' })}
            <small>${msg(str`${this.rows.length} validation photos · score ≥ ${this.score}`, { id: 'compare.presenter.lead' })}</small></h2>
          <button class="tool" @click=${() => this.dispatchEvent(new DistributeEvent())}>${msg('Give to the class', { id: 'compare.distribute' })}</button>
          <a class="tool" href=${appUrl('share')}>${msg('Show the app’s QR code', { id: 'compare.distribute.qr' })}</a>
          <button class="close" @click=${this._close} aria-label=${msg('Leave the projector view', { id: 'compare.presenter.exit' })}>✕</button>
        </header>
        ${this.sentMessage ? html`<p class="sent" role="status">${this.sentMessage}</p>` : nothing}
        <div class="scores">
          ${this._side('stock', msg('Stock COCO-SSD', { id: 'compare.presenter.stock' }), stock)}
          ${this._side('yours', msg('Class model', { id: 'compare.presenter.yours' }), yours)}
        </div>
        ${
          wrong.length
            ? html`<p class="key"><span><i class="swatch" style="background:${COLOURS.truth}"></i>${msg('your labels', { id: 'compare.key.truth' })}</span>
                <span><i class="swatch" style="background:${COLOURS.stock}"></i>${msg('stock', { id: 'models.stockShort' })}</span>
                <span><i class="swatch" style="background:${COLOURS.yours}"></i>${msg('Class model', { id: 'compare.presenter.yours' })}</span></p>
              <div class="gallery">${wrong.map(
                ({ row, index }) => html`<figure><canvas data-index=${index}></canvas>
                  <figcaption>${msg(str`stock: ${row.stockOutcome.missed} missed, ${row.stockOutcome.falsePositives.length} false · class model: ${row.yoursOutcome.missed} missed, ${row.yoursOutcome.falsePositives.length} false`, { id: 'compare.presenter.caption' })}</figcaption></figure>`,
              )}</div>`
            : html`<p class="key">${msg('Both models are right on every validation photo.', { id: 'compare.presenter.allRight' })}</p>`
        }
      </div>
    `;
  }
}

customElements.define('comparison-presenter', ComparisonPresenter);

declare global {
  interface HTMLElementTagNameMap {
    'comparison-presenter': ComparisonPresenter;
  }
  interface GlobalEventHandlersEventMap {
    'tama-presenter-close': PresenterCloseEvent;
    'tama-distribute': DistributeEvent;
  }
}
