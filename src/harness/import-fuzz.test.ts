// The import fuzzer with a small count (npm run bench:fuzz runs thousands): every mutated COCO, YOLO,
// model and IDX file is accepted or refused with a worded Problem, nothing escapes as an uncaught
// error, and a refusal leaves the real IndexedDB stores as they were.
import { expect } from '@esm-bundle/chai';
import { FUZZ_FORMATS, runImportFuzz } from './import-fuzz.ts';

const CASES = { coco: 200, yolo: 200, model: 200, idx: 500 } as const;

describe('import fuzzer (seeded, small count)', () => {
  for (const format of FUZZ_FORMATS) {
    it(`${CASES[format]} mutated ${format} files: no crash, every refusal worded, nothing written on refusal`, async () => {
      const report = await runImportFuzz(format, CASES[format], 7);
      console.log(`fuzz ${format}: ${JSON.stringify(report)}`);
      expect(report.crashes).to.deep.equal([]);
      expect(report.crashed).to.equal(0);
      // The mutator must do something: some cases are refused, and the file is not always destroyed.
      const rejected = Object.values(report.rejected).reduce((a, b) => a + b, 0);
      expect(rejected).to.be.above(CASES[format] / 4);
      expect(report.accepted + rejected).to.equal(CASES[format]);
    });
  }
});
