/** The screenshots the guides in docs/ show, by file name (docs/images/<name>.png), in the order taken. */
export const DOCS_SHOTS = [
  'phone-detect-live',
  'projector-detect',
  'phone-label-gallery',
  'phone-label-editor',
  'phone-label-check',
  'projector-check-students',
  'phone-label-review',
  'phone-train',
  'projector-compare',
  'projector-share-qr',
  'phone-mnist',
] as const;
export type DocsShot = (typeof DOCS_SHOTS)[number];
