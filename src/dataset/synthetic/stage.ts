// Picks where a scene happens (room, classroom, gym, pitch, street, park, or the floor seen from
// above), how the phone is held (height, tilt) and the light, then draws the backdrop.
import type { Random } from '../../shared/random.ts';
import {
  type Context,
  drawnItem,
  hsl,
  type Item,
  type Lighting,
  pixelsPerMetre,
  type Stage,
  type StageKind,
} from './common.ts';
import { drawFloor, type FloorKind, FloorView } from './floor.ts';
import { drawClassroom, drawGym, drawRoom } from './indoor.ts';
import { drawField, drawPark, drawStreet } from './outdoor.ts';
import { bag, book, box, FLOOR_PROPS, shoes } from './props.ts';
import { normalize } from './sphere.ts';
import { texture } from './textures.ts';

const KINDS: readonly StageKind[] = [
  'room',
  'room',
  'classroom',
  'gym',
  'gym',
  'field',
  'field',
  'street',
  'park',
  'closeup',
  'closeup',
];

export function pickStage(random: Random, width: number, height: number): Stage {
  const kind = random.pick(KINDS);
  const outdoor = kind === 'field' || kind === 'street' || kind === 'park';
  const lighting: Lighting = outdoor
    ? random.pick(['sun', 'sun', 'shade', 'shade', 'low'] as const)
    : random.pick(['indoor', 'indoor', 'indoor', 'low'] as const);
  const light = normalize(
    outdoor && lighting === 'sun'
      ? [random.range(-0.9, 0.9), random.range(-0.9, -0.3), random.range(0.2, 0.8)]
      : [random.range(-0.6, 0.6), random.range(-0.9, -0.4), random.range(0.4, 0.9)],
  );
  const focal = width * random.range(0.75, 1.1);
  // Most photos are taken standing with the phone level or tilted a little down; some look at the floor.
  const looksDown = kind === 'closeup' || random.chance(0.2);
  const horizon = looksDown ? height * random.range(-1.2, -0.2) : height * random.range(0.2, 0.6);
  const cameraHeight = kind === 'closeup' ? random.range(0.5, 1.3) : random.range(0.8, 1.6);
  const wallDistance = {
    room: [2.5, 6],
    classroom: [5, 9],
    gym: [12, 25],
    field: [30, 120],
    street: [15, 60],
    park: [20, 80],
    closeup: [1, 1],
  }[kind] as [number, number];
  const floorTop =
    kind === 'closeup' ? 0 : Math.max(0, horizon + (focal * cameraHeight) / random.range(...wallDistance));
  const stage: Stage = {
    kind,
    width,
    height,
    horizon,
    floorTop,
    cameraHeight,
    focal,
    vanishX: width * random.range(0.25, 0.75),
    outdoor,
    lighting,
    light,
    wall: [0, 0],
  };
  const wallHeight = outdoor ? 0 : (focal / ((focal * cameraHeight) / Math.max(1, floorTop - horizon))) * 2.4;
  stage.wall = [Math.max(0, floorTop - wallHeight), Math.max(0, floorTop - wallHeight * 0.35)];
  return stage;
}

/** The floor or a table seen from above, with papers, books, toys and shoes lying about. */
function drawCloseup(ctx: Context, random: Random, stage: Stage): Item[] {
  const view = new FloorView(stage);
  const surface = random.pick(['wood', 'wood', 'tiles', 'carpet', 'lino', 'grass', 'asphalt', 'concrete'] as const);
  drawFloor(ctx, view, random, surface as FloorKind);
  if (random.chance(0.3)) {
    // A bed sheet or blanket: soft folds in one colour.
    ctx.fillStyle = hsl(random.range(0, 360), random.range(10, 50), random.range(40, 85));
    const x = random.range(-0.3, 0.6) * stage.width;
    ctx.fillRect(x, 0, random.range(0.4, 1) * stage.width, stage.height);
    texture(ctx, 'blotch', 0.5, 3, [x, 0, stage.width, stage.height], 'soft-light');
    texture(ctx, 'fabric', 0.3, 0.8, [x, 0, stage.width, stage.height]);
  }
  for (let i = random.int(0, 4); i > 0; i--) {
    // Paper with lines of writing, at any angle.
    const s = pixelsPerMetre(stage, stage.height / 2);
    const [w, h] = [0.21 * s, 0.297 * s];
    ctx.save();
    ctx.translate(random.range(0, stage.width), random.range(0, stage.height));
    ctx.rotate(random.range(0, Math.PI));
    ctx.fillStyle = 'rgb(0 0 0 / 0.2)';
    ctx.fillRect(-w / 2 + 2, -h / 2 + 3, w, h);
    ctx.fillStyle = hsl(50, random.range(0, 40), random.range(88, 97));
    ctx.fillRect(-w / 2, -h / 2, w, h);
    ctx.fillStyle = 'rgb(40 40 90 / 0.5)';
    for (let y = -h / 2 + h * 0.1; y < h / 2 - h * 0.05; y += h * 0.05)
      ctx.fillRect(-w * 0.4, y, w * random.range(0.3, 0.8), Math.max(0.6, h * 0.008));
    ctx.restore();
  }
  const items: Item[] = [];
  for (let i = random.int(1, 5); i > 0; i--) {
    const y = random.range(0.05, 1.1) * stage.height;
    const x = random.range(-0.05, 1.05) * stage.width;
    const prop = random.pick([...FLOOR_PROPS, book, book, shoes, bag, box]);
    items.push(drawnItem(y, random.int(1, 1e9), (c, r) => prop(c, r, x, y, pixelsPerMetre(stage, y))));
  }
  return items;
}

/** Draws the backdrop; returns the things standing on the floor, to be drawn in depth order. */
export function drawStage(ctx: Context, random: Random, stage: Stage): Item[] {
  switch (stage.kind) {
    case 'room':
      return drawRoom(ctx, random, stage);
    case 'classroom':
      return drawClassroom(ctx, random, stage);
    case 'gym':
      return drawGym(ctx, random, stage);
    case 'field':
      return drawField(ctx, random, stage);
    case 'street':
      return drawStreet(ctx, random, stage);
    case 'park':
      return drawPark(ctx, random, stage);
    case 'closeup':
      return drawCloseup(ctx, random, stage);
  }
}
