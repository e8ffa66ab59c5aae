// Passing the dataset on (a student's photos to the teacher, a student's own photos back): one .zip,
// through the share sheet where the browser can share it, else a download.
import { msg, str } from '@lit/localize';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import type { SplitSettings } from '../../dataset/split.ts';
import { type SendOutcome, sendFile } from '../../shared/send-file.ts';

const FILE_NAME = 'tama-lab-dataset.zip';

/** The button says what will happen: a phone that can share the file sends it, a laptop saves it. */
export function sendLabel(canShare: boolean, count: number | 'all'): string {
  if (canShare)
    return count === 'all'
      ? msg('Send all (.zip)', { id: 'label.send.all' })
      : msg(str`Send (${count} photos)`, { id: 'label.send.shown' });
  return count === 'all'
    ? msg('Export .zip (COCO + YOLO)', { id: 'label.export' })
    : msg(str`Export .zip (${count} photos)`, { id: 'label.export.shown' });
}

export async function sendDataset(images: readonly StoredImage[], split: SplitSettings): Promise<SendOutcome> {
  // The zip writer loads with the first send, not with the Label page (the zip is built before the
  // share sheet opens either way).
  const { exportArchiveBlob } = await import('../../dataset/archive.ts');
  // A Blob written a photo at a time: a big dataset is never held in the page's memory as one array.
  const file = new File([await exportArchiveBlob(images, split)], FILE_NAME, { type: 'application/zip' });
  return sendFile(file, msg('Tama Lab photos', { id: 'label.send.title' }));
}
