import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { DEFAULT_SPLIT, datasetStats, labelStateOf, type SplitSettings, splitOf } from '../../dataset/split.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { GalleryFilterEvent, ImageSelectEvent } from './labeling-events.ts';

export const GALLERY_FILTERS = ['all', 'unlabeled', 'labeled', 'negative', 'train', 'val'] as const;
export type GalleryFilter = (typeof GALLERY_FILTERS)[number];

export function matchesFilter(image: StoredImage, filter: GalleryFilter, split: SplitSettings): boolean {
  if (filter === 'all') return true;
  if (filter === 'train' || filter === 'val') return splitOf(image, split) === filter;
  return labelStateOf(image) === filter;
}

/**
 * Every photo on the device as a thumbnail with its box count, "no ball" mark and split side,
 * with counts and filters. Thumbnails are object URLs of the stored Blobs, revoked when unused.
 * @fires tama-image-select - a photo was picked
 * @fires tama-gallery-filter - a filter button was pressed (the owner sets `filter`)
 */
export class DatasetGallery extends LitElement {
  static override properties = {
    images: { attribute: false },
    split: { attribute: false },
    filter: { type: String },
    selectedId: { type: String, attribute: 'selected-id' },
  };
  static override styles = [
    pageStyles,
    css`
      .stats {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0 0 0.75rem;
        padding: 0;
        list-style: none;
        font-variant-numeric: tabular-nums;
      }
      .stats b {
        font-size: 1.2rem;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-bottom: 0.75rem;
      }
      .filters button {
        min-height: var(--tap-target);
        padding: 0 0.9rem;
        border: 1px solid var(--border-strong);
        border-radius: 999px;
        background: var(--surface-raised);
        color: var(--text);
        font: inherit;
        cursor: pointer;
      }
      .filters button[aria-pressed='true'] {
        background: var(--accent);
        color: var(--on-accent);
        border-color: var(--accent);
      }
      ul.thumbs {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
        gap: 0.5rem;
        margin: 0;
        padding: 0;
        list-style: none;
        max-height: 26rem;
        overflow-y: auto;
      }
      .thumbs button {
        position: relative;
        display: block;
        width: 100%;
        aspect-ratio: 4 / 3;
        padding: 0;
        border: 3px solid transparent;
        border-radius: 0.5rem;
        overflow: hidden;
        background: var(--surface);
        cursor: pointer;
      }
      .thumbs button[aria-current='true'] {
        border-color: var(--accent);
      }
      .thumbs img {
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .badge {
        position: absolute;
        left: 0.2rem;
        bottom: 0.2rem;
        padding: 0 0.4rem;
        border-radius: 0.4rem;
        background: rgb(0 0 0 / 0.7);
        color: #fff;
        font-size: 0.8rem;
      }
      .badge.unlabeled {
        background: #b45309;
      }
      .split {
        position: absolute;
        right: 0.2rem;
        top: 0.2rem;
        padding: 0 0.3rem;
        border-radius: 0.4rem;
        background: rgb(0 0 0 / 0.6);
        color: #fff;
        font-size: 0.7rem;
      }
    `,
  ];

  declare images: StoredImage[];
  declare split: SplitSettings;
  declare filter: GalleryFilter;
  declare selectedId: string;
  private readonly _urls = new Map<string, { blob: Blob; url: string }>();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.images = [];
    this.split = DEFAULT_SPLIT;
    this.filter = 'all';
    this.selectedId = '';
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('images')) return;
    const alive = new Set(this.images.map((image) => image.id));
    for (const [id, { url }] of this._urls) {
      if (!alive.has(id)) {
        URL.revokeObjectURL(url);
        this._urls.delete(id);
      }
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const { url } of this._urls.values()) URL.revokeObjectURL(url);
    this._urls.clear();
  }

  private _url(image: StoredImage): string {
    const cached = this._urls.get(image.id);
    if (cached?.blob === image.blob) return cached.url;
    if (cached) URL.revokeObjectURL(cached.url);
    const url = URL.createObjectURL(image.blob);
    this._urls.set(image.id, { blob: image.blob, url });
    return url;
  }

  private _filterLabel(filter: GalleryFilter): string {
    return {
      all: msg('All', { id: 'gallery.filter.all' }),
      unlabeled: msg('Unlabeled', { id: 'gallery.filter.unlabeled' }),
      labeled: msg('With boxes', { id: 'gallery.filter.labeled' }),
      negative: msg('No ball', { id: 'gallery.filter.negative' }),
      train: msg('Training', { id: 'gallery.filter.train' }),
      val: msg('Validation', { id: 'gallery.filter.val' }),
    }[filter];
  }

  private _badge(image: StoredImage) {
    const state = labelStateOf(image);
    if (state === 'negative')
      return html`<span class="badge">${msg('no ball', { id: 'gallery.badge.negative' })}</span>`;
    if (state === 'unlabeled')
      return html`<span class="badge unlabeled">${msg('unlabeled', { id: 'gallery.badge.unlabeled' })}</span>`;
    return html`<span class="badge">▢ ${image.boxes.length}</span>`;
  }

  override render() {
    const stats = datasetStats(this.images, this.split);
    const shown = this.images.filter((image) => matchesFilter(image, this.filter, this.split));
    return html`
      <ul class="stats" data-stats=${JSON.stringify({ ...stats, classes: undefined })}>
        <li><b>${stats.images}</b> ${msg('photos', { id: 'gallery.stats.images' })}</li>
        <li><b>${stats.boxes}</b> ${msg('boxes', { id: 'gallery.stats.boxes' })}</li>
        <li><b>${stats.negatives}</b> ${msg('no ball', { id: 'gallery.stats.negatives' })}</li>
        <li><b>${stats.unlabeled}</b> ${msg('unlabeled', { id: 'gallery.stats.unlabeled' })}</li>
        <li>${msg(str`train ${stats.train} · validation ${stats.val}`, { id: 'gallery.stats.split' })}</li>
      </ul>
      <div class="filters" role="group" aria-label=${msg('Show', { id: 'gallery.filter.label' })}>
        ${GALLERY_FILTERS.map(
          (filter) => html`<button aria-pressed=${filter === this.filter ? 'true' : 'false'} data-filter=${filter}
            @click=${() => this.dispatchEvent(new GalleryFilterEvent(filter))}>${this._filterLabel(filter)}</button>`,
        )}
      </div>
      ${
        shown.length
          ? html`<ul class="thumbs" aria-label=${msg('Photos', { id: 'gallery.list' })}>
            ${repeat(
              shown,
              (image) => image.id,
              (image, index) => html`<li>
                <button aria-current=${image.id === this.selectedId ? 'true' : 'false'} data-id=${image.id}
                  aria-label=${msg(str`Photo ${index + 1}: ${image.boxes.length} boxes`, { id: 'gallery.item' })}
                  @click=${() => this.dispatchEvent(new ImageSelectEvent(image.id))}>
                  <img src=${this._url(image)} alt="" loading="lazy" decoding="async" />
                  ${this._badge(image)}
                  <span class="split">${splitOf(image, this.split) === 'val' ? 'val' : 'train'}</span>
                </button>
              </li>`,
            )}
          </ul>`
          : html`<p>${this.images.length ? msg('No photo matches this filter.', { id: 'gallery.emptyFilter' }) : nothing}</p>`
      }
    `;
  }
}

customElements.define('dataset-gallery', DatasetGallery);

declare global {
  interface HTMLElementTagNameMap {
    'dataset-gallery': DatasetGallery;
  }
}
