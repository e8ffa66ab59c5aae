// Reading COCO detection JSON defensively: anything that does not match the schema is reported with
// where it is, instead of surfacing later as NaN boxes.
import type { Box } from '../model/geometry.ts';
import { IMPORT_LIMITS, type ImportLimits } from '../shared/import-limits.ts';
import { ProblemError, problem } from '../shared/problem.ts';
import { parseDataJson } from '../shared/safe-json.ts';
import { normalizeContributor } from './contributor.ts';

export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
  /** Tama Lab's own fields: an explicit "no ball" mark, the burst a frame belongs to, who took it. */
  tama_negative?: boolean;
  tama_burst?: string;
  tama_contributor?: string;
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: Box;
}

export interface CocoCategory {
  id: number;
  name: string;
}

export interface CocoDataset {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}

/** The JSON is not COCO: `problem.params.where` says where (e.g. "annotations[3].bbox"), the message says why. */
export class CocoFormatError extends ProblemError {
  override name = 'CocoFormatError';
}

/** The first mistake, at `where` (a path into the JSON), explained in English by `detail`. */
const invalid = (where: string, detail: string) => new CocoFormatError(problem('coco.invalid', detail, { where }));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function arrayField(root: Record<string, unknown>, key: string, max: number): unknown[] {
  const value = root[key];
  if (!Array.isArray(value)) throw invalid(key, `"${key}" must be an array`);
  if (value.length > max) throw invalid(key, `"${key}" has ${value.length} items, more than ${max}`);
  return value;
}

/** A name as the app stores it; anything else (a number, an empty or blank string) is no name. */
function contributorField(value: unknown): Pick<CocoImage, 'tama_contributor'> {
  const name = normalizeContributor(value);
  return name ? { tama_contributor: name } : {};
}

/**
 * Parses and checks a COCO detection dataset; throws CocoFormatError naming the first mistake and where
 * it is (or a 'json.forbiddenKey' ProblemError). Names, counts and strings are capped by `limits`.
 */
export function parseCoco(
  text: string,
  limits: Pick<ImportLimits, 'maxCategories' | 'maxAnnotations' | 'maxNameLength'> = IMPORT_LIMITS,
): CocoDataset {
  const root = parseDataJson(
    text,
    'annotations.json',
    (why) => new CocoFormatError(problem('coco.malformed', `malformed JSON (${why})`)),
  );
  const isName = (value: unknown): value is string =>
    typeof value === 'string' && value.length > 0 && value.length <= limits.maxNameLength;
  if (!isObject(root))
    throw invalid(
      'images, annotations, categories',
      'the top level must be an object with images, annotations and categories',
    );

  const categories = arrayField(root, 'categories', limits.maxCategories).map((value, i): CocoCategory => {
    if (!isObject(value) || !isFiniteNumber(value.id) || typeof value.name !== 'string' || !value.name) {
      throw invalid(`categories[${i}]`, `categories[${i}] needs a numeric id and a non-empty name`);
    }
    if (!isName(value.name))
      throw invalid(`categories[${i}]`, `categories[${i}] has a name longer than ${limits.maxNameLength} characters`);
    return { id: value.id, name: value.name };
  });
  const categoryIds = new Set(categories.map((category) => category.id));
  // Two names for one id would silently merge two classes on import.
  if (categoryIds.size !== categories.length) throw invalid('categories', 'category ids must be unique');

  const images = arrayField(root, 'images', limits.maxAnnotations).map((value, i): CocoImage => {
    if (!isObject(value) || !isFiniteNumber(value.id) || typeof value.file_name !== 'string' || !value.file_name) {
      throw invalid(`images[${i}]`, `images[${i}] needs a numeric id and a file_name`);
    }
    if (!isFiniteNumber(value.width) || !isFiniteNumber(value.height) || value.width <= 0 || value.height <= 0) {
      throw invalid(`images[${i}]`, `images[${i}] (${value.file_name}) needs a positive width and height`);
    }
    return {
      id: value.id,
      file_name: value.file_name,
      width: value.width,
      height: value.height,
      ...(typeof value.tama_negative === 'boolean' ? { tama_negative: value.tama_negative } : {}),
      ...(isName(value.tama_burst) ? { tama_burst: value.tama_burst } : {}),
      ...contributorField(value.tama_contributor),
    };
  });
  const imagesById = new Map(images.map((image) => [image.id, image]));
  if (imagesById.size !== images.length) throw invalid('images', 'image ids must be unique');

  const annotations = arrayField(root, 'annotations', limits.maxAnnotations).map((value, i): CocoAnnotation => {
    if (!isObject(value) || !isFiniteNumber(value.image_id) || !isFiniteNumber(value.category_id)) {
      throw invalid(`annotations[${i}]`, `annotations[${i}] needs numeric image_id and category_id`);
    }
    const image = imagesById.get(value.image_id);
    if (!image) throw invalid(`annotations[${i}]`, `annotations[${i}] refers to unknown image_id ${value.image_id}`);
    if (!categoryIds.has(value.category_id))
      throw invalid(`annotations[${i}]`, `annotations[${i}] refers to unknown category_id ${value.category_id}`);
    const bbox = value.bbox;
    const where = `annotations[${i}].bbox`;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isFiniteNumber)) {
      throw invalid(where, `${where} must be [x, y, width, height] numbers`);
    }
    const [x, y, w, h] = bbox as Box;
    if (w <= 0 || h <= 0) throw invalid(where, `${where} has a non-positive size`);
    const slack = 1; // pixels of rounding tolerance at the image border
    if (x < -slack || y < -slack || x + w > image.width + slack || y + h > image.height + slack) {
      throw invalid(where, `${where} lies outside image ${image.file_name} (${image.width}×${image.height})`);
    }
    return {
      id: isFiniteNumber(value.id) ? value.id : i + 1,
      image_id: value.image_id,
      category_id: value.category_id,
      bbox: [x, y, w, h],
    };
  });

  return { images, annotations, categories };
}
