import { expect } from '@esm-bundle/chai';
import { captureFrame } from './capture-frame.ts';
import { DatasetStore, type StoredImage } from './dataset-store.ts';

describe('DatasetStore (IndexedDB)', () => {
  const name = `tama-test-${crypto.randomUUID()}`;

  after(() => indexedDB.deleteDatabase(name));

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
