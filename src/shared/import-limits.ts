// What an imported file may ask of the device, in one place: a file from a classmate, a download or a
// share sheet is data, and data that needs more than this is refused before it costs memory. The README's
// import section states the same numbers.

export const IMPORT_LIMITS = {
  /** A dataset .zip as it arrives (compressed). */
  maxArchiveBytes: 512 * 1024 * 1024,
  /** Entries in one .zip, folders included: 5000 photos with a label file each, and room to spare. */
  maxEntries: 12_000,
  /** One file inside a .zip, unpacked; a bigger one is left out (a model's weights.bin is far smaller). */
  maxEntryBytes: 32 * 1024 * 1024,
  /** Everything a .zip says it unpacks to; a zip bomb says more, or unpacks to more than it says. */
  maxUnpackedBytes: 1024 * 1024 * 1024,
  /** Photos kept from one .zip. */
  maxImages: 5000,
  /** One photo file picked or shared on its own. */
  maxPhotoBytes: 64 * 1024 * 1024,
  /**
   * Pixels of one photo, read from its header before it is decoded: 50 MP covers a phone's 50 MP mode
   * (8160×6120) and decodes to 200 MB; a 200 MP photo would need 800 MB and can crash the tab.
   */
  maxPixels: 50_000_000,
  /** Longest side of one photo (the browser's canvas limit is 32767). */
  maxImageSide: 16_384,
  /** A model's model.json: a few kilobytes in practice. */
  maxModelJsonBytes: 1024 * 1024,
  /** Classes of one model, and characters of a class or label name. */
  maxClasses: 100,
  maxNameLength: 200,
  /** Trained head weights stay within ±10; far beyond that a detector only produces NaN. */
  maxAbsWeight: 10_000,
  /** Annotations and categories of one COCO file. */
  maxAnnotations: 200_000,
  maxCategories: 1000,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };
