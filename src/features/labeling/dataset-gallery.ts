import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import {
  DEFAULT_SPLIT,
  datasetStats,
  labelStateOf,
  type Split,
  type SplitSettings,
  splitOf,
} from '../../dataset/split.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import {
  byContributor,
  type ContributorFilter,
  chosenName,
  contributorCounts,
  matchesContributor,
} from './contributor-filter.ts';
import { datasetGalleryStyles } from './dataset-gallery.styles.ts';
import { ContributorFilterEvent, GalleryFilterEvent, ImageSelectEvent } from './labeling-events.ts';

export const GALLERY_FILTERS = ['all', 'unlabeled', 'labeled', 'negative', 'train', 'val'] as const;
export type GalleryFilter = (typeof GALLERY_FILTERS)[number];

export function matchesFilter(image: StoredImage, filter: GalleryFilter, split: SplitSettings): boolean {
  if (filter === 'all') return true;
  if (filter === 'train' || filter === 'val') return splitOf(image, split) === filter;
  return labelStateOf(image) === filter;
}

/**
 * Every photo on the device as a thumbnail with its box count, "no ball" mark, split side and who
 * took it, with counts and filters. The stats describe the chosen contributor's photos; each entry in
 * the contributor list counts the photos it would show under the current filter button.
 * Thumbnails are object URLs of the stored Blobs, revoked when unused.
 * @fires tama-image-select - a photo was picked
 * @fires tama-gallery-filter - a filter button was pressed (the owner sets `filter`)
 * @fires tama-contributor-filter - a contributor was chosen (the owner sets `contributorFilter`)
 */
export class DatasetGallery extends LitElement {
  static override properties = {
    images: { attribute: false },
    split: { attribute: false },
    filter: { type: String },
    contributorFilter: { type: String, attribute: 'contributor-filter' },
    selectedId: { type: String, attribute: 'selected-id' },
  };
  static override styles = [pageStyles, datasetGalleryStyles];

  declare images: StoredImage[];
  declare split: SplitSettings;
  declare filter: GalleryFilter;
  declare contributorFilter: ContributorFilter;
  declare selectedId: string;
  private readonly _urls = new Map<string, { blob: Blob; url: string }>();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.images = [];
    this.split = DEFAULT_SPLIT;
    this.filter = 'all';
    this.contributorFilter = 'all';
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

  private _itemLabel(image: StoredImage, index: number): string {
    const boxes = image.boxes.length;
    return image.contributor
      ? msg(str`Photo ${index + 1}: ${boxes} boxes, by ${image.contributor}`, { id: 'gallery.item.contributor' })
      : msg(str`Photo ${index + 1}: ${boxes} boxes`, { id: 'gallery.item' });
  }

  private _badge(image: StoredImage) {
    const state = labelStateOf(image);
    if (state === 'negative')
      return html`<span class="badge">${msg('no ball', { id: 'gallery.badge.negative' })}</span>`;
    if (state === 'unlabeled')
      return html`<span class="badge unlabeled">${msg('unlabeled', { id: 'gallery.badge.unlabeled' })}</span>`;
    return html`<span class="badge">▢ ${image.boxes.length}</span>`;
  }

  private _chip(side: Split) {
    return html`<span class="split" data-split=${side}>${
      side === 'val' ? msg('val', { id: 'gallery.chip.val' }) : msg('train', { id: 'gallery.chip.train' })
    }</span>`;
  }

  /**
   * The split is drawn photo by photo (a burst as one), like a coin toss weighted by the setting: on a
   * small set the share lands near the setting, not on it. Said in place, with the reason it is so.
   */
  private _renderSplitNote(stats: { images: number; val: number }) {
    if (!stats.images) return nothing;
    const share = Math.round((stats.val / stats.images) * 100);
    const setting = Math.round(this.split.valRatio * 100);
    return html`<p class="split-note" data-split-note data-val-share=${share}>${msg(
      str`Validation: ${share} % of these photos (setting ${setting} %). Each photo, a burst as one, is placed by the seed on its own: small sets land near the setting, not on it, and adding photos never moves a placed one.`,
      { id: 'gallery.splitNote' },
    )}</p>${glossaryRow(['label', 'trainVal'])}`;
  }

  /** Hidden until a photo has a name: a list of "all / no name" alone would only be noise. */
  private _renderContributors(inFilter: readonly StoredImage[]) {
    const chosen = this.contributorFilter;
    const counts = contributorCounts(this.images, inFilter, chosenName(chosen));
    if (!this.images.some((image) => image.contributor) && chosen === 'all') return nothing;
    // A property, not the attribute: the attribute stops counting once the user has picked an option.
    const option = (value: ContributorFilter, label: string) =>
      html`<option value=${value} .selected=${value === chosen}>${label}</option>`;
    return html`<label class="by">${msg('Taken by', { id: 'gallery.contributor.label' })}
      <select data-contributor-filter @change=${(event: Event) =>
        this.dispatchEvent(new ContributorFilterEvent((event.target as HTMLSelectElement).value as ContributorFilter))}>
        ${option('all', msg(str`Everyone (${counts.all})`, { id: 'gallery.contributor.all' }))}
        ${counts.names.map(([name, count]) => option(byContributor(name), `${name} (${count})`))}
        ${option('none', msg(str`No name (${counts.none})`, { id: 'gallery.contributor.none' }))}
      </select>
    </label>`;
  }

  override render() {
    const stats = datasetStats(
      this.images.filter((image) => matchesContributor(image, this.contributorFilter)),
      this.split,
    );
    const inFilter = this.images.filter((image) => matchesFilter(image, this.filter, this.split));
    const shown = inFilter.filter((image) => matchesContributor(image, this.contributorFilter));
    return html`
      <ul class="stats" data-stats=${JSON.stringify({ ...stats, classes: undefined })}>
        <li><b>${stats.images}</b> ${msg('photos', { id: 'gallery.stats.images' })}</li>
        <li><b>${stats.boxes}</b> ${msg('boxes', { id: 'gallery.stats.boxes' })}</li>
        <li><b>${stats.negatives}</b> ${msg('no ball', { id: 'gallery.stats.negatives' })}</li>
        <li><b>${stats.unlabeled}</b> ${msg('unlabeled', { id: 'gallery.stats.unlabeled' })}</li>
        <li>${msg(str`train ${stats.train} · validation ${stats.val}`, { id: 'gallery.stats.split' })}</li>
      </ul>
      ${this._renderSplitNote(stats)}
      <div class="filters" role="group" aria-label=${msg('Show', { id: 'gallery.filter.label' })}>
        ${GALLERY_FILTERS.map(
          (filter) => html`<button aria-pressed=${filter === this.filter ? 'true' : 'false'} data-filter=${filter}
            @click=${() => this.dispatchEvent(new GalleryFilterEvent(filter))}>${this._filterLabel(filter)}</button>`,
        )}
      </div>
      ${this._renderContributors(inFilter)}
      ${
        shown.length
          ? html`<ul class="thumbs" aria-label=${msg('Photos', { id: 'gallery.list' })}>
            ${repeat(
              shown,
              (image) => image.id,
              (image, index) => html`<li>
                <button aria-current=${image.id === this.selectedId ? 'true' : 'false'} data-id=${image.id}
                  @click=${() => this.dispatchEvent(new ImageSelectEvent(image.id))}>
                  <span class="visually-hidden">${this._itemLabel(image, index)}</span>
                  <img src=${this._url(image)} alt="" loading="lazy" decoding="async" />
                  ${this._badge(image)}
                  ${this._chip(splitOf(image, this.split))}
                  ${image.contributor ? html`<span class="who" data-contributor=${image.contributor} title=${image.contributor}>${image.contributor}</span>` : nothing}
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
