import { expect } from '@esm-bundle/chai';
import { importPhotos } from './photo-import.ts';

async function picture(width: number, height: number, type: string): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#c33';
  context.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type });
}

describe('photo import', () => {
  it('downscales large photos to the max side, keeps small ones byte for byte, and reports bad files', async () => {
    const large = new File([await picture(2000, 1000, 'image/png')], 'large.png', { type: 'image/png' });
    const small = new File([await picture(320, 240, 'image/jpeg')], 'small.jpg', { type: 'image/jpeg' });
    const text = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const corrupt = new File([new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2, 3])], 'broken.jpg', { type: 'image/jpeg' });
    const report = await importPhotos([large, text, small, corrupt], 1280);

    expect(report.images.map(({ width, height }) => [width, height])).to.deep.equal([
      [1280, 640],
      [320, 240],
    ]);
    expect(report.images[0]?.blob.type).to.equal('image/jpeg');
    expect(report.images[1]?.blob).to.equal(small);
    expect(report.skipped.map((s) => s.item)).to.deep.equal(['notes.txt', 'broken.jpg']);
    expect(report.skipped[0]?.reason).to.match(/not an image/);
    expect(report.skipped[1]?.reason).to.match(/corrupt/);
    expect(report.skipped.map((s) => s.problem.code)).to.deep.equal(['file.notImage', 'image.unreadable']);
  });

  it('honours a smaller max side', async () => {
    const photo = new File([await picture(1000, 1500, 'image/jpeg')], 'tall.jpg', { type: 'image/jpeg' });
    const report = await importPhotos([photo], 600);
    expect([report.images[0]?.width, report.images[0]?.height]).to.deep.equal([400, 600]);
  });
});
