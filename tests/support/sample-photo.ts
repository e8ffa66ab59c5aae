// A photo of the committed sample dataset, in the shape Playwright's setInputFiles takes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const images = join(import.meta.dirname, '../../datasets/sample/images');

export function samplePhoto(name: string) {
  return { name, mimeType: 'image/jpeg', buffer: readFileSync(join(images, name)) };
}
