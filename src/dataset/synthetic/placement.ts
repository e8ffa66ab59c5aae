// Where the balls go and what happens around them: lying on the floor at the size perspective gives
// them, flying (motion blur), held in one or two hands (with an arm from the frame edge or a whole
// person behind), at a player's feet, behind a chair leg, a box or a goal net, cut by the frame edge.
import { Random } from '../../shared/random.ts';
import { ballShadow, ballSprite, composite, type Motion } from './ball-sprite.ts';
import { DIAMETER } from './balls.ts';
import {
  BALL_KINDS,
  type BallKind,
  drawnItem,
  hsl,
  type Item,
  pixelsPerMetre,
  type Shape,
  type Stage,
} from './common.ts';
import { arm, type Grip, grip, legs, pickLook, torso } from './people.ts';
import { FLOOR_PROPS, OUTDOOR_PROPS } from './props.ts';

type Mode = 'ground' | 'air' | 'held' | 'foot';

export interface PlacedBall {
  kind: BallKind;
  cx: number;
  cy: number;
  r: number;
  held: boolean;
  motion?: Motion;
}

interface Plan {
  kind: BallKind;
  mode: Mode;
  diameter: number;
  cut: boolean;
  occluder: 'none' | 'prop' | 'post' | 'net';
  blur: number;
  blurAngle: number;
  seed: number;
}

function plan(random: Random, stage: Stage, large: boolean): Plan {
  const kind = random.pick(BALL_KINDS);
  const kickable = kind === 'soccer' || kind === 'rubber' || kind === 'volleyball' || kind === 'basketball';
  const roll = random.next();
  const mode: Mode =
    roll < 0.3 ? 'held' : roll < 0.42 && kickable && stage.kind !== 'closeup' ? 'foot' : roll < 0.56 ? 'air' : 'ground';
  const minSide = Math.min(stage.width, stage.height);
  // A tennis or ping-pong ball fills the frame only a hand's breadth from the lens: rarely.
  let size =
    mode === 'held'
      ? random.pick(DIAMETER[kind] < 0.1 ? (['mid', 'mid', 'large'] as const) : (['mid', 'large', 'large'] as const))
      : random.pick(['small', 'small', 'mid', 'mid', 'mid', 'large'] as const);
  if (mode === 'air' && size === 'large') size = 'mid';
  if (large && size === 'large') size = 'mid';
  const diameter =
    size === 'small'
      ? random.range(10, 32)
      : size === 'mid'
        ? Math.exp(random.range(Math.log(32), Math.log(Math.max(40, 0.35 * minSide))))
        : random.range(0.35, 0.85) * minSide;
  const blurChance = { held: 0.08, foot: 0.2, air: 0.65, ground: 0.12 }[mode];
  const blur = random.chance(blurChance) ? random.range(0.1, mode === 'air' ? 1.6 : 0.6) : 0;
  const occluderRoll = random.next();
  const netOk = stage.kind === 'field' || stage.kind === 'gym' || stage.kind === 'park';
  return {
    kind,
    mode,
    diameter,
    cut: random.chance(diameter > 0.3 * minSide ? 0.3 : 0.1),
    occluder:
      mode !== 'ground' || occluderRoll > 0.25
        ? 'none'
        : occluderRoll < 0.14
          ? 'prop'
          : occluderRoll < 0.2 || !netOk
            ? 'post'
            : 'net',
    blur,
    blurAngle: mode === 'air' || mode === 'held' ? random.range(0, Math.PI) : random.range(-0.25, 0.25),
    seed: random.int(1, 2 ** 30),
  };
}

/** Centre and floor contact of a ball of radius r placed as planned. */
function position(place: Random, p: Plan, r: number, stage: Stage) {
  const { width: W, height: H } = stage;
  const fit = (lo: number, hi: number) => (hi > lo ? place.range(lo, hi) : (lo + hi) / 2);
  let cx = fit(r, W - r);
  let cy: number;
  let ground: number | undefined;
  const floor = Math.max(stage.floorTop, stage.horizon + 2);
  if (p.mode === 'ground' || p.mode === 'foot') {
    // Where on the floor a ball of this real size looks this big.
    let y = stage.horizon + (r * stage.cameraHeight) / (DIAMETER[p.kind] / 2);
    const [lo, hi] = [floor + r * 0.6, H + r * 0.4];
    // Too big for the floor in view: as close as it can be (at the bottom, maybe cut); too small: far back.
    y = Math.max(lo, Math.min(hi, y * place.range(0.97, 1.03)));
    if (y === hi) y = fit(Math.max(lo, hi - r * 0.8), hi);
    cy = y - r;
    ground = y;
  } else if (p.mode === 'air') {
    cy = fit(r, H * 0.8);
    const below = cy + r * place.range(2, 8);
    if (below > floor && below < H) ground = below;
  } else {
    cx = fit(Math.min(W / 2, Math.max(r, W * 0.2)), Math.max(W / 2, Math.min(W - r, W * 0.8)));
    cy = fit(Math.min(H / 2, Math.max(r, H * 0.2)), Math.max(H / 2, Math.min(H - r, H * 0.75)));
  }
  if (p.cut) {
    // Centre within 0.6 r inside the edge to 0.1 r outside it: at least ~45 % of the disc in view.
    const e = place.range(-0.1, 0.6) * r;
    const edge = place.pick(
      p.mode === 'held' ? (['left', 'right', 'bottom'] as const) : (['left', 'right', 'top', 'bottom'] as const),
    );
    if (edge === 'left') cx = e;
    else if (edge === 'right') cx = W - e;
    else if (edge === 'top') cy = e;
    else {
      const shift = H - e - cy;
      cy += shift;
      if (ground !== undefined) ground += shift;
    }
  }
  return { cx, cy, ground };
}

function heldItems(p: Plan, ball: Item, cx: number, cy: number, r: number, stage: Stage, depth: number): Item[] {
  const random = new Random(p.seed ^ 0x5bd1e995);
  const look = pickLook(random);
  const cm = r / (DIAMETER[p.kind] * 50);
  const big = DIAMETER[p.kind] > 0.15;
  const below = Math.PI / 2 + random.range(-0.7, 0.7);
  const angles =
    big && random.chance(0.55)
      ? [Math.PI + random.range(-0.5, 0.3), random.range(-0.3, 0.5)]
      : [random.pick([below, below, random.range(-0.5, 0.5), Math.PI + random.range(-0.5, 0.5)])];
  const grips: Grip[] = angles.map((a) => grip(random, look, cx, cy, r, a, cm));
  const shoulders = 38 * cm * (look.child ? 0.75 : 1);
  // Far enough away that the whole person is in the picture: draw all of them, legs included.
  const whole = shoulders * 4.5 < stage.height;
  const body = whole || (shoulders < stage.width * 1.2 && random.chance(0.45));
  const bodySeed = random.int(1, 2 ** 30);
  const armWidth = 7.5 * cm * (look.child ? 0.8 : 1);
  const behind = drawnItem(
    depth,
    bodySeed,
    (ctx, rng) => {
      const shapes: Shape[] = [];
      let anchors: [number, number][];
      if (body) {
        const chest = cy + r * 0.2;
        const bx = cx + rng.range(-0.15, 0.15) * shoulders;
        const s = cm * 100;
        const hip = chest - shoulders * 0.35 + (look.child ? 0.42 : 0.55) * s;
        if (whole) shapes.push(...legs(ctx, rng, look, bx, hip + (look.child ? 0.6 : 0.85) * s, s));
        const light = { light: stage.light, lighting: stage.lighting };
        anchors = torso(ctx, rng, look, bx, chest, shoulders, whole ? hip : stage.height + 10, light);
        shapes.push(
          {
            kind: 'rect',
            x: bx - shoulders / 2,
            y: chest - shoulders * 0.35,
            w: shoulders,
            h: (whole ? hip : stage.height) - chest + shoulders * 0.35,
          },
          { kind: 'circle', x: bx, y: chest - shoulders * 0.77, r: shoulders * 0.32 },
        );
      } else {
        const far = Math.max(stage.width, stage.height) * 1.5;
        anchors = grips.map((g, i) => {
          const a = (angles[i] as number) * 0.6 + (Math.PI / 2) * 0.4;
          return [g.wrist[0] + Math.cos(a) * far, g.wrist[1] + Math.sin(a) * far] as [number, number];
        });
      }
      grips.forEach((g, i) => {
        const shoulder = body
          ? (anchors[g.wrist[0] < cx ? 0 : 1] as [number, number])
          : (anchors[i] as [number, number]);
        arm(ctx, look, g.wrist, shoulder, armWidth);
        shapes.push({
          kind: 'capsule',
          x1: g.wrist[0],
          y1: g.wrist[1],
          x2: shoulder[0],
          y2: shoulder[1],
          r: armWidth / 2,
        });
        g.behind(ctx);
      });
      return shapes;
    },
    0,
  );
  const front: Item = {
    depth,
    sub: 2,
    shapes: grips.flatMap((g) => g.covers),
    draw(ctx) {
      for (const g of grips) g.front(ctx);
    },
  };
  return [behind, { ...ball, depth, sub: 1 }, front];
}

function occluderItem(p: Plan, cx: number, cy: number, r: number, ground: number, stage: Stage): Item {
  const random = new Random(p.seed ^ 0x27d4eb2d);
  const side = random.pick([-1, 1]);
  const y = ground + r * random.range(0.15, 0.5);
  if (p.occluder === 'post') {
    const w = r * random.range(0.25, 0.6);
    const x = cx + side * r * random.range(0.3, 0.85) - w / 2;
    const top = random.chance(0.5) ? 0 : cy - r * random.range(1.5, 4);
    const colour = random.pick(['#d8d8d8', '#555', '#f5f5f5', hsl(30, 40, 35), hsl(random.range(0, 360), 50, 45)]);
    return {
      depth: y,
      sub: 0,
      shapes: [{ kind: 'rect', x, y: top, w, h: y - top }],
      draw(ctx) {
        const g = ctx.createLinearGradient(x, 0, x + w, 0);
        g.addColorStop(0, colour);
        g.addColorStop(0.4, colour);
        g.addColorStop(1, 'rgb(0 0 0 / 0.6)');
        ctx.fillStyle = colour;
        ctx.fillRect(x, top, w, y - top);
        ctx.fillStyle = g;
        ctx.fillRect(x, top, w, y - top);
      },
    };
  }
  if (p.occluder === 'net') {
    const area: Shape = { kind: 'rect', x: cx - r * 3, y: cy - r * 3, w: r * 6, h: ground + r * 0.2 - (cy - r * 3) };
    const gap = Math.max(3, r * random.range(0.15, 0.4));
    const colour = random.chance(0.6) ? 'rgb(240 240 240 / 0.7)' : 'rgb(30 30 30 / 0.7)';
    return {
      depth: y,
      sub: 0,
      shapes: [],
      net: area,
      draw(ctx) {
        if (area.kind !== 'rect') return;
        ctx.strokeStyle = colour;
        ctx.lineWidth = Math.max(0.8, gap * 0.1);
        ctx.beginPath();
        for (let x = area.x; x <= area.x + area.w; x += gap) {
          ctx.moveTo(x, area.y);
          ctx.lineTo(x, area.y + area.h);
        }
        for (let yy = area.y; yy <= area.y + area.h; yy += gap) {
          ctx.moveTo(area.x, yy);
          ctx.lineTo(area.x + area.w, yy);
        }
        ctx.stroke();
      },
    };
  }
  const props = stage.outdoor ? OUTDOOR_PROPS : FLOOR_PROPS;
  const prop = random.pick(props);
  const x = cx + side * r * random.range(0.5, 1.4);
  return drawnItem(y, random.int(1, 2 ** 30), (ctx, rng) =>
    prop(ctx, rng, x, y, Math.max(pixelsPerMetre(stage, y), r * 4)),
  );
}

function footItem(p: Plan, cx: number, cy: number, r: number, ground: number, stage: Stage): Item {
  const random = new Random(p.seed ^ 0x165667b1);
  const onTop = random.chance(0.4);
  const side = random.pick([-1, 1]);
  const s = Math.max(pixelsPerMetre(stage, ground), (r * 2) / DIAMETER[p.kind] / 1.2);
  const x = cx + side * (onTop ? r * 0.6 : r + s * random.range(0.15, 0.4));
  const footY = onTop ? ground - r * 0.1 : ground + (random.chance(0.5) ? -1 : 1) * r * 0.25;
  const look = pickLook(random);
  const kick: [number, number] | undefined = onTop ? [cx + random.range(-0.2, 0.2) * r, cy - r * 0.55] : undefined;
  return drawnItem(onTop ? ground + 1 : footY, random.int(1, 2 ** 30), (ctx, rng) =>
    legs(ctx, rng, look, x, footY, s, kick),
  );
}

/** Plans and places `count` balls; returns the items to draw and the balls in the same order. */
export function placeBalls(random: Random, place: Random, stage: Stage, count: number, reframed: boolean) {
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++)
    plans.push(
      plan(
        random,
        stage,
        plans.some((q) => q.diameter > 0.35 * Math.min(stage.width, stage.height)),
      ),
    );
  const items: Item[] = [];
  const balls: PlacedBall[] = [];
  for (const p of plans) {
    const r = (p.diameter / 2) * (reframed ? place.range(0.8, 1.2) : 1);
    let spot: ReturnType<typeof position> | undefined;
    for (let attempt = 0; attempt < 15 && !spot; attempt++) {
      const s = position(place, p, r, stage);
      if (balls.every((b) => Math.hypot(b.cx - s.cx, b.cy - s.cy) > 0.85 * (b.r + r))) spot = s;
    }
    if (!spot) continue;
    const { cx, cy, ground } = spot;
    const length = Math.min(80, p.blur * 2 * r);
    const motion = length >= 1 ? { dx: Math.cos(p.blurAngle) * length, dy: Math.sin(p.blurAngle) * length } : undefined;
    const index = balls.length;
    balls.push({ kind: p.kind, cx, cy, r, held: p.mode === 'held', ...(motion ? { motion } : {}) });
    const ball: Item = {
      depth: ground ?? cy + r,
      sub: 1,
      ball: index,
      shapes: [{ kind: 'circle', x: cx, y: cy, r: r * 0.97 }],
      draw(ctx) {
        const rng = new Random(p.seed);
        if (ground !== undefined)
          ballShadow(ctx, cx, ground, r, stage.light, stage.lighting, p.mode === 'air' ? ground - cy - r : 0);
        composite(ctx, ballSprite(p.kind, rng, r, stage.light, stage.lighting), cx, cy, motion);
      },
    };
    if (p.mode === 'held') items.push(...heldItems(p, ball, cx, cy, r, stage, stage.height * 3 + cy));
    else items.push(ball);
    if (p.mode === 'foot' && ground !== undefined) items.push(footItem(p, cx, cy, r, ground, stage));
    if (p.occluder !== 'none' && ground !== undefined) items.push(occluderItem(p, cx, cy, r, ground, stage));
  }
  return { items, balls };
}
