import { expect } from '@esm-bundle/chai';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import type { ContributorFilter } from './contributor-filter.ts';
import type { DatasetGallery } from './dataset-gallery.ts';
import './dataset-gallery.ts';

const photo = (id: string, contributor?: string, labeled = false): StoredImage => ({
  id,
  blob: new Blob([id], { type: 'image/jpeg' }),
  width: 4,
  height: 3,
  createdAt: 0,
  source: 'import',
  boxes: labeled ? [{ box: [0, 0, 1, 1], label: 'ball' }] : [],
  negative: false,
  ...(contributor ? { contributor } : {}),
});

// A merged class: 田中 3 photos (1 labelled), "12" 2 (both labelled), "2" 1, and 2 without a name.
const merged = [
  photo('t1', '田中', true),
  photo('t2', '田中'),
  photo('t3', '田中'),
  photo('a1', '12', true),
  photo('a2', '12', true),
  photo('b1', '2'),
  photo('n1'),
  photo('n2', undefined, true),
];

describe('<dataset-gallery> by contributor', () => {
  let gallery: DatasetGallery;
  let picked: ContributorFilter[];

  beforeEach(async () => {
    gallery = document.createElement('dataset-gallery');
    gallery.images = merged;
    picked = [];
    // The gallery only asks; like the Label page, apply what it asks for.
    gallery.addEventListener('tama-contributor-filter', (event) => {
      picked.push(event.detail);
      gallery.contributorFilter = event.detail;
    });
    gallery.addEventListener('tama-gallery-filter', (event) => {
      gallery.filter = event.detail as DatasetGallery['filter'];
    });
    document.body.append(gallery);
    await gallery.updateComplete;
  });

  afterEach(() => gallery.remove());

  const root = () => gallery.shadowRoot as ShadowRoot;
  const shownIds = () => [...root().querySelectorAll<HTMLElement>('.thumbs [data-id]')].map((b) => b.dataset.id);
  const select = () => root().querySelector('select[data-contributor-filter]') as HTMLSelectElement;
  const options = () => [...select().options].map((o) => o.textContent?.trim());
  const stats = () => JSON.parse(root().querySelector('[data-stats]')?.getAttribute('data-stats') ?? '{}');

  async function choose(value: string) {
    select().value = value;
    select().dispatchEvent(new Event('change'));
    await gallery.updateComplete;
  }

  it('shows each photo’s contributor on its thumbnail, and nothing on photos without one', () => {
    const chips = [...root().querySelectorAll<HTMLElement>('.thumbs [data-id]')].map(
      (button) => button.querySelector<HTMLElement>('.who')?.textContent ?? null,
    );
    expect(chips).to.deep.equal(['田中', '田中', '田中', '12', '12', '2', null, null]);
    // The thumbnail's accessible name: its hidden description, then the visible chips.
    const label = root().querySelector('[data-id="t1"] .visually-hidden')?.textContent;
    expect(label).to.contain('田中');
  });

  it('lists the contributors present with counts, numbers in number order, plus everyone and no name', () => {
    expect(options()).to.deep.equal(['Everyone (8)', '2 (1)', '12 (2)', '田中 (3)', 'No name (2)']);
    expect(select().value).to.equal('all');
  });

  it('filters by a contributor, by "no name", and combined with the other filters; counts follow', async () => {
    await choose('name:田中');
    expect(picked).to.deep.equal(['name:田中']);
    expect(shownIds()).to.deep.equal(['t1', 't2', 't3']);
    expect(stats()).to.include({ images: 3, labeled: 1, unlabeled: 2 });
    expect(select().value).to.equal('name:田中');

    (root().querySelector('[data-filter="labeled"]') as HTMLButtonElement).click();
    await gallery.updateComplete;
    expect(shownIds()).to.deep.equal(['t1']);
    // Each count is what choosing that entry would show under "With boxes".
    expect(options()).to.deep.equal(['Everyone (4)', '2 (0)', '12 (2)', '田中 (1)', 'No name (1)']);

    await choose('none');
    expect(shownIds()).to.deep.equal(['n2']);
    (root().querySelector('[data-filter="all"]') as HTMLButtonElement).click();
    await gallery.updateComplete;
    expect(shownIds()).to.deep.equal(['n1', 'n2']);
    expect(stats()).to.include({ images: 2 });

    await choose('all');
    expect(shownIds()).to.have.length(8);
    expect(stats()).to.include({ images: 8 });
  });

  it('keeps a chosen contributor listed when their photos are gone, and updates counts as photos change', async () => {
    await choose('name:2');
    gallery.images = merged.filter((image) => image.id !== 'b1');
    await gallery.updateComplete;
    expect(shownIds()).to.deep.equal([]);
    expect(select().value).to.equal('name:2');
    expect(options()).to.deep.equal(['Everyone (7)', '2 (0)', '12 (2)', '田中 (3)', 'No name (2)']);
  });

  it('has no contributor list while no photo has a name', async () => {
    gallery.images = [photo('x'), photo('y')];
    await gallery.updateComplete;
    expect(select()).to.equal(null);
    expect(shownIds()).to.deep.equal(['x', 'y']);
  });
});

describe('<dataset-gallery> split sides', () => {
  let gallery: DatasetGallery;
  const many = (count: number, from = 0) => Array.from({ length: count }, (_, i) => photo(`p${from + i}`));
  const sides = () =>
    Object.fromEntries(
      [...(gallery.shadowRoot as ShadowRoot).querySelectorAll<HTMLElement>('.thumbs [data-id]')].map((button) => [
        button.dataset.id,
        button.querySelector<HTMLElement>('.split')?.dataset.split,
      ]),
    );

  beforeEach(async () => {
    gallery = document.createElement('dataset-gallery');
    gallery.split = { seed: 1, valRatio: 0.25 };
    document.body.append(gallery);
  });

  afterEach(() => gallery.remove());

  it('names each side with a word of the catalogue, and explains the share near the counts', async () => {
    gallery.images = many(64);
    await gallery.updateComplete;
    const root = gallery.shadowRoot as ShadowRoot;
    const chips = [...root.querySelectorAll<HTMLElement>('.thumbs .split')];
    expect(chips).to.have.length(64);
    for (const chip of chips) expect(chip.textContent).to.equal(chip.dataset.split === 'val' ? 'val' : 'train');
    const stats = JSON.parse(root.querySelector('[data-stats]')?.getAttribute('data-stats') ?? '{}');
    const share = Math.round((stats.val / 64) * 100);
    const note = root.querySelector('[data-split-note]') as HTMLElement;
    expect(note.dataset.valShare).to.equal(String(share));
    expect(note.textContent).to.contain(`Validation: ${share} % of these photos (setting 25 %)`);
    expect(note.textContent).to.contain('never moves a placed one');
  });

  it('keeps every photo on its side when more are added, as the note says', async () => {
    gallery.images = many(20);
    await gallery.updateComplete;
    const before = sides();
    gallery.images = [...many(20), ...many(80, 20)];
    await gallery.updateComplete;
    const after = sides();
    expect(Object.keys(after)).to.have.length(100);
    for (const [id, side] of Object.entries(before)) expect(after[id]).to.equal(side);
  });
});
