// Where the round look-alikes go: fruit, bowls and biscuits on the floor or a table at their real
// size, clocks and lamps on the wall, balloons in the air, faces of people, and some held up close
// to the camera in a hand or filling much of the frame, sized like the balls so size never gives
// the answer.
import { Random } from '../../shared/random.ts';
import { type Context, drawnItem, type Item, pixelsPerMetre, type Shape, type Stage } from './common.ts';
import { wallScale } from './indoor.ts';
import { LOOKALIKES, type LookalikeKind } from './lookalikes.ts';
import { grip, person, pickLook, torso } from './people.ts';

/** Real diameters in metres. */
const SIZE: Record<LookalikeKind, number> = {
  orange: 0.08,
  apple: 0.08,
  lemon: 0.065,
  balloon: 0.3,
  head: 0.22,
  clock: 0.3,
  wheel: 0.6,
  plate: 0.25,
  bowl: 0.16,
  coin: 0.025,
  button: 0.02,
  candy: 0.03,
  cookie: 0.07,
  sign: 0.6,
  lamp: 0.25,
};

/** Flat things lying on the floor foreshorten into ellipses; fruit and balloons stay round. */
const FLAT = new Set<LookalikeKind>(['plate', 'bowl', 'coin', 'button', 'cookie', 'candy', 'clock', 'wheel']);

const WALL: readonly LookalikeKind[] = ['clock', 'clock', 'lamp', 'plate', 'balloon'];
const FLOOR: readonly LookalikeKind[] = [
  'orange',
  'apple',
  'lemon',
  'bowl',
  'plate',
  'cookie',
  'balloon',
  'orange',
  'candy',
];
const TABLE_TOP: readonly LookalikeKind[] = [
  'orange',
  'apple',
  'lemon',
  'bowl',
  'plate',
  'cookie',
  'candy',
  'coin',
  'button',
  'clock',
  'coin',
];
const OUTDOOR: readonly LookalikeKind[] = ['balloon', 'wheel', 'orange', 'apple', 'plate', 'lamp', 'sign'];
const CLOSE: readonly LookalikeKind[] = [
  'orange',
  'apple',
  'lemon',
  'balloon',
  'head',
  'clock',
  'plate',
  'bowl',
  'wheel',
  'cookie',
  'lamp',
  'sign',
  'coin',
  'button',
  'candy',
  'head',
  'orange',
];
const HANDHELD = new Set<LookalikeKind>(['orange', 'apple', 'lemon', 'cookie', 'candy', 'coin', 'orange', 'apple']);

function lookalike(kind: LookalikeKind, x: number, y: number, r: number, squash: number, stage: Stage) {
  const light = { light: stage.light, lighting: stage.lighting };
  return (ctx: Context, random: Random): Shape[] => {
    if (kind === 'head') {
      // A face is never alone: neck and shoulders below it.
      const shoulders = r / 0.3;
      torso(ctx, random, pickLook(random), x, y + shoulders * 0.77, shoulders, stage.height + 10, light);
      return [{ kind: 'circle', x, y, r }];
    }
    if (squash >= 0.97) return LOOKALIKES[kind](ctx, random, x, y, r, light);
    ctx.save();
    ctx.translate(x, y);
    ctx.scale(1, squash);
    const shapes = LOOKALIKES[kind](ctx, random, 0, 0, r, light);
    ctx.restore();
    return shapes.map((s) =>
      s.kind === 'circle' ? { kind: 'rect', x: x - r, y: y - r * squash, w: 2 * r, h: 2 * r * squash } : s,
    );
  };
}

export function placeLookalikes(random: Random, stage: Stage, count: number): Item[] {
  const { width: W, height: H } = stage;
  const minSide = Math.min(W, H);
  const items: Item[] = [];
  const floor = Math.max(stage.floorTop, stage.horizon + 2);
  const wallVisible = !stage.outdoor && stage.wall[1] - stage.wall[0] > 10;
  for (let i = 0; i < count; i++) {
    const where = random.next();
    const seed = random.int(1, 2 ** 30);
    if (where < 0.25) {
      // Close to the camera, at ball sizes, maybe in a hand.
      const kind = random.pick(CLOSE);
      const [x, y] = [random.range(0.1, 0.9) * W, random.range(0.15, 0.85) * H];
      const depth = H * 3 + y;
      if (HANDHELD.has(kind) && random.chance(0.5)) {
        // Sized by the hand holding it: a coin stays coin-sized next to the fingers.
        const hand = new Random(seed ^ 0x3c6ef372);
        const cm = (random.range(0.08, 0.22) * minSide) / 8.5;
        const r = (SIZE[kind] / 2) * 100 * cm;
        const g = grip(hand, pickLook(hand), x, y, r, Math.PI / 2 + hand.range(-0.7, 0.7), cm);
        items.push({ depth, sub: 0, shapes: [], draw: (ctx) => g.behind(ctx) });
        items.push(drawnItem(depth, seed, lookalike(kind, x, y, r, 1, stage), 1));
        items.push({ depth, sub: 2, shapes: g.covers, draw: (ctx) => g.front(ctx) });
      } else {
        const r = random.range(0.04, SIZE[kind] < 0.05 ? 0.1 : 0.3) * minSide;
        items.push(drawnItem(depth, seed, lookalike(kind, x, y, r, 1, stage)));
      }
    } else if (where < 0.45 && wallVisible) {
      const kind = random.pick(WALL);
      const y = random.range(...stage.wall);
      const r = (SIZE[kind] / 2) * wallScale(stage).s * random.range(0.7, 1.3);
      items.push(drawnItem(-1, seed, lookalike(kind, random.range(0, W), y, Math.max(3, r), 1, stage)));
    } else if (where < 0.55 && !stage.outdoor && stage.kind !== 'closeup') {
      const [x, y] = [random.range(0, W), random.range(floor, H)];
      const light = { light: stage.light, lighting: stage.lighting };
      // Someone standing so close they overflow the frame reads as giant limbs, not a person.
      if (pixelsPerMetre(stage, y) * 1.8 < H * 1.3)
        items.push(drawnItem(y, seed, (ctx, r) => person(ctx, r, x, y, pixelsPerMetre(stage, y), light)));
    } else {
      const kind = random.pick(stage.kind === 'closeup' ? TABLE_TOP : stage.outdoor ? OUTDOOR : FLOOR);
      const y = random.range(floor, H + 5);
      const s = pixelsPerMetre(stage, y);
      const r = Math.max(3, (SIZE[kind] / 2) * s * random.range(0.8, 1.25));
      const up = kind === 'balloon' ? random.range(1, 6) * r : kind === 'sign' || kind === 'lamp' ? 2.5 * s : 0;
      const squash = FLAT.has(kind) ? Math.min(1, Math.max(0.25, (y - stage.horizon) / stage.focal) * 1.6) : 1;
      items.push(drawnItem(y, seed, lookalike(kind, random.range(0, W), y - up - r * squash, r, squash, stage)));
    }
  }
  return items;
}
