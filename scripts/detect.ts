// npm run detect -- <images or folders> [--backend webgpu|webgl|wasm|cpu] [--model default|coco|DIR]
//   [--threshold 0.5] [--classes a,b|all] [--tiles] [--input-size 300] [--json]
// Without --model the app's default ball model; without --threshold the live view's default threshold.
// Runs the app's detector in headless Chromium. One line per image; a bad file gets a one-line error
// naming it, the other images are still processed, and the exit code is then 2.
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLD } from '../src/model/model-variants.ts';
import {
  errorMessage,
  expandInputs,
  openDetectorSession,
  parseBackend,
  parseInputSize,
  parseTiles,
  parseUnitInterval,
  runCli,
  UsageError,
} from './lib/detector-session.ts';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      backend: { type: 'string' },
      'input-size': { type: 'string' },
      model: { type: 'string', default: 'default' },
      threshold: { type: 'string' },
      classes: { type: 'string' },
      tiles: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('give one or more image files or folders');
  const backend = parseBackend(values.backend);
  const threshold = parseUnitInterval('threshold', values.threshold, DEFAULT_THRESHOLD);
  // Without --classes the model's own default: COCO's "sports ball", or every class of a ball/fine-tuned model.
  const classes = values.classes === 'all' ? 'all' : values.classes?.split(',');
  const tiles = parseTiles(values.tiles);
  const files = expandInputs(positionals);
  if (files.length === 0) throw new UsageError(`no images in ${positionals.join(', ')}`);

  const session = await openDetectorSession(backend, values.model, parseInputSize(values['input-size']));
  let failures = 0;
  try {
    for (const file of files) {
      try {
        const result = await session.detectFile(file, { threshold, tiles, ...(classes ? { classes } : {}) });
        const rounded = result.detections.map(({ box, score, label }) => ({
          box: box.map((value) => Math.round(value * 10) / 10),
          score: Math.round(score * 1000) / 1000,
          label,
        }));
        const line = {
          file,
          width: result.width,
          height: result.height,
          backend: session.backend,
          ms: Math.round(result.ms),
          detections: rounded,
        };
        if (values.json) console.log(JSON.stringify(line));
        else {
          const found = rounded.map((d) => `${d.label} ${d.score.toFixed(2)} [${d.box.join(', ')}]`).join('; ');
          console.log(
            `${file}  ${result.width}×${result.height}  ${session.backend} ${line.ms} ms  ${rounded.length ? found : 'nothing found'}`,
          );
        }
      } catch (error) {
        failures++;
        console.error(`detect: ${file}: ${errorMessage(error)}`);
      }
    }
  } finally {
    await session.close();
  }
  return failures ? 2 : 0;
}

runCli('detect', main);
