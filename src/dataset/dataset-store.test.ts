import { expect } from '@esm-bundle/chai';
import { captureFrame } from './capture-frame.ts';
import { contributorSetting } from './contributor.ts';
import { DatasetStore, type StoredImage } from './dataset-store.ts';

describe('DatasetStore (IndexedDB)', () => {
  const name = `tama-test-${crypto.randomUUID()}`;

  after(() => indexedDB.deleteDatabase(name));
  afterEach(() => contributorSetting.clear());

  it('keeps images across store instances (a reload), in capture order, and deletes them', async () => {
    const first = new DatasetStore(name);
    const a = await first.add({ blob: new Blob(['a'], { type: 'image/jpeg' }), width: 4, height: 3, source: 'camera' });
    const b = await first.add({
      blob: new Blob(['bb'], { type: 'image/jpeg' }),
      width: 3,
      height: 4,
      source: 'import',
      negative: true,
    });
    await first.close();

    const reopened = new DatasetStore(name);
    expect(await reopened.count()).to.equal(2);
    const images = await reopened.list();
    expect(images.map((image) => image.id)).to.deep.equal([a.id, b.id]);
    expect(images[1]).to.include({ width: 3, height: 4, source: 'import', negative: true });
    expect(await (images[0] as StoredImage).blob.text()).to.equal('a');
    await reopened.delete(a.id);
    expect(await reopened.count()).to.equal(1);
    await reopened.close();
  });

  it("stamps new photos with this device's contributor, read at each add; a zip's unnamed photo stays unnamed", async () => {
    const store = new DatasetStore(name);
    const photo = (text: string) => ({ blob: new Blob([text], { type: 'image/jpeg' }), width: 1, height: 1 });
    const before = await store.add({ ...photo('before'), source: 'camera' });
    contributorSetting.set('田中');
    // A burst from the Detect page: frames given without a contributor.
    const burst = await store.addAll([
      { ...photo('f1'), source: 'camera', burstId: 'b' },
      { ...photo('f2'), source: 'camera', burstId: 'b' },
    ]);
    // From a classmate's zip: one named in the zip, one the zip names nobody for.
    const [named, unnamed] = await store.addAll([
      { ...photo('z1'), source: 'import', contributor: '12' },
      { ...photo('z2'), source: 'import', contributor: null },
    ]);
    contributorSetting.set('');
    const after = await store.add({ ...photo('after'), source: 'import' });

    const byId = new Map((await store.list()).map((image) => [image.id, image]));
    const contributorOf = (image: StoredImage | undefined) => byId.get(image?.id as string)?.contributor;
    expect(burst.map(contributorOf)).to.deep.equal(['田中', '田中']);
    expect([named, unnamed].map(contributorOf)).to.deep.equal(['12', undefined]);
    expect([before, after].map(contributorOf)).to.deep.equal([undefined, undefined]);
    expect(byId.get(unnamed?.id as string)).to.not.have.property('contributor');
    await store.close();
  });

  it("loads photos stored before contributors existed, and keeps an edited photo's contributor", async () => {
    const store = new DatasetStore(name, () => 'someone else');
    // The shape photos had before this field: no contributor, no hash.
    const old: StoredImage = {
      id: 'old-photo',
      blob: new Blob(['old'], { type: 'image/jpeg' }),
      width: 2,
      height: 2,
      createdAt: 1,
      source: 'camera',
      boxes: [],
      negative: false,
    };
    await store.put(old);
    const loaded = await store.get('old-photo');
    expect(loaded).to.not.have.property('contributor');
    expect(await (loaded as StoredImage).blob.text()).to.equal('old');
    const mine = await store.add({ blob: new Blob(['mine']), width: 1, height: 1, source: 'camera' });
    await store.put({ ...mine, boxes: [{ box: [0, 0, 1, 1], label: 'ball' }] });
    expect((await store.get(mine.id))?.contributor).to.equal('someone else');
    await store.close();
  });

  it('captures a downscaled JPEG of a picture', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 2000;
    canvas.height = 1000;
    const image = new Image();
    image.src = canvas.toDataURL();
    await image.decode();
    const frame = await captureFrame(image, 1280);
    expect([frame.width, frame.height]).to.deep.equal([1280, 640]);
    expect(frame.blob.type).to.equal('image/jpeg');
  });
});
