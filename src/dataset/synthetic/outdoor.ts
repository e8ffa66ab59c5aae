// Outdoor backdrops: a football pitch, a street, a park. Sky, skyline and ground are drawn at once;
// goals, cars, trees, benches and people stand on the ground as depth-ordered items.
import type { Random } from '../../shared/random.ts';
import { type Context, drawnItem, hsl, type Item, pixelsPerMetre, type Shape, type Stage } from './common.ts';
import { drawFloor, drawSky, FloorView } from './floor.ts';
import { LOOKALIKES } from './lookalikes.ts';
import { person } from './people.ts';
import { bench, block, OUTDOOR_PROPS } from './props.ts';
import { texture } from './textures.ts';

const light = (stage: Stage) => ({ light: stage.light, lighting: stage.lighting });

function treeline(ctx: Context, random: Random, stage: Stage, y: number, height: number) {
  for (let x = -20; x < stage.width + 20; x += random.range(8, 30)) {
    const r = height * random.range(0.4, 1);
    ctx.fillStyle = hsl(random.range(80, 140), random.range(20, 45), random.range(15, 35));
    ctx.beginPath();
    ctx.ellipse(x, y - r * 0.6, r * random.range(0.6, 1.1), r, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillRect(0, y - height * 0.3, stage.width, height * 0.3);
  texture(ctx, 'blotch', 0.5, 2, [0, y - height * 2, stage.width, height * 2]);
}

function buildings(ctx: Context, random: Random, stage: Stage, y: number, s: number) {
  for (let x = random.range(-60, 0); x < stage.width; ) {
    const w = random.range(6, 20) * s;
    const h = random.range(5, 25) * s;
    const wall = hsl(random.range(0, 60), random.range(5, 30), random.range(40, 85));
    block(ctx, x, y, w, h, 0, wall);
    texture(ctx, 'blotch', 0.2, 2, [x, y - h, w, h]);
    ctx.fillStyle = stage.lighting === 'low' ? 'rgb(255 220 150 / 0.8)' : 'rgb(60 80 100 / 0.75)';
    for (let wy = y - h + s; wy < y - 1.5 * s; wy += 3 * s)
      for (let wx = x + s; wx < x + w - s; wx += random.range(2, 3) * s)
        if (random.chance(0.85)) ctx.fillRect(wx, wy, 1.2 * s, 1.5 * s);
    if (random.chance(0.5)) {
      ctx.fillStyle = hsl(random.range(0, 360), 70, 45);
      ctx.fillRect(x + w * 0.1, y - 3.2 * s, w * 0.8, 0.8 * s);
    }
    x += w + random.range(0, 3) * s;
  }
}

/** A goal frame with its net; a ball behind it is seen through the mesh. */
function goal(view: FloorView, random: Random, z: number, x: number): Item {
  const [px, y] = view.point(x, z);
  const s = pixelsPerMetre(view.stage, y);
  const [w, h] = [random.chance(0.5) ? 7.32 * s : 3 * s, random.chance(0.5) ? 2.44 * s : 2 * s];
  const item = drawnItem(y, random.int(1, 1e9), (ctx) => {
    ctx.strokeStyle = 'rgb(235 235 235 / 0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let gx = px - w / 2; gx <= px + w / 2; gx += Math.max(3, 0.15 * s)) {
      ctx.moveTo(gx, y - h);
      ctx.lineTo(gx + 0.3 * s, y - 0.2 * s);
    }
    for (let gy = y - h; gy <= y; gy += Math.max(3, 0.15 * s)) {
      ctx.moveTo(px - w / 2, gy);
      ctx.lineTo(px + w / 2, gy);
    }
    ctx.stroke();
    ctx.fillStyle = '#f6f6f6';
    const post = Math.max(2, 0.1 * s);
    ctx.fillRect(px - w / 2 - post, y - h - post, post, h + post);
    ctx.fillRect(px + w / 2, y - h - post, post, h + post);
    ctx.fillRect(px - w / 2 - post, y - h - post, w + 2 * post, post);
    return [
      { kind: 'rect', x: px - w / 2 - post, y: y - h, w: post, h },
      { kind: 'rect', x: px + w / 2, y: y - h, w: post, h },
    ];
  });
  item.net = { kind: 'rect', x: px - w / 2, y: y - h, w, h };
  return item;
}

/** People, props and look-alike road signs scattered on the ground. */
function scatter(view: FloorView, random: Random, count: number, people: number, signs = false): Item[] {
  const items: Item[] = [];
  const stage = view.stage;
  for (let i = 0; i < count + people; i++) {
    const z = random.range(view.near * 1.2, Math.min(view.far, view.near * 12));
    const y = view.y(z);
    const x = random.range(-0.05, 1.05) * stage.width;
    const isPerson = i >= count && pixelsPerMetre(stage, y) * 1.8 < stage.height * 1.3;
    const prop = random.pick(OUTDOOR_PROPS);
    items.push(
      drawnItem(y, random.int(1, 1e9), (ctx, r) => {
        const s = pixelsPerMetre(stage, y);
        if (isPerson) return person(ctx, r, x, y, s, light(stage));
        return prop(ctx, r, x, y, s);
      }),
    );
  }
  if (signs)
    for (let i = random.int(0, 2); i > 0; i--) {
      const z = random.range(view.near * 2, Math.min(view.far, view.near * 10));
      const y = view.y(z);
      const x = random.range(0, stage.width);
      items.push(
        drawnItem(y, random.int(1, 1e9), (ctx, r) => {
          const s = pixelsPerMetre(stage, y);
          ctx.fillStyle = '#8a8f94';
          ctx.fillRect(x - 0.03 * s, y - 2.2 * s, 0.06 * s, 2.2 * s);
          return LOOKALIKES.sign(ctx, r, x, y - 2.3 * s, 0.3 * s, light(stage));
        }),
      );
    }
  return items;
}

export function drawField(ctx: Context, random: Random, stage: Stage): Item[] {
  const view = new FloorView(stage);
  drawSky(ctx, random, stage, stage.floorTop);
  const sHorizon = Math.max(0.5, (stage.floorTop - stage.horizon + 2) / stage.cameraHeight);
  if (stage.floorTop > 0) {
    if (random.chance(0.5)) treeline(ctx, random, stage, stage.floorTop, random.range(3, 8) * sHorizon);
    else buildings(ctx, random, stage, stage.floorTop, sHorizon * 0.6);
  }
  drawFloor(ctx, view, random, random.chance(0.85) ? 'grass' : 'dirt');
  ctx.fillStyle = 'rgb(245 245 240 / 0.85)';
  const [x0, x1] = [-random.range(3, 30), random.range(3, 30)];
  const z0 = view.near * random.range(1, 3);
  view.line(ctx, x0, z0, x1, z0, 0.12);
  view.line(ctx, x0, z0, x0, view.far, 0.12);
  if (random.chance(0.5)) view.ellipse(ctx, (x0 + x1) / 2, z0 + random.range(5, 12), 9.15, 0.12);
  if (random.chance(0.5)) {
    view.line(ctx, -8, z0 + 16, 8, z0 + 16, 0.12);
    view.line(ctx, -8, z0, -8, z0 + 16, 0.12);
    view.line(ctx, 8, z0, 8, z0 + 16, 0.12);
  }
  const items = scatter(view, random, random.int(0, 4), random.int(0, 4));
  if (random.chance(0.55))
    items.push(
      goal(view, random, random.range(view.near * 1.5, Math.min(view.far, view.near * 6)), random.range(-6, 6)),
    );
  return items;
}

export function drawStreet(ctx: Context, random: Random, stage: Stage): Item[] {
  const view = new FloorView(stage);
  drawSky(ctx, random, stage, stage.floorTop);
  if (stage.floorTop > 0)
    buildings(
      ctx,
      random,
      stage,
      stage.floorTop,
      Math.max(0.5, (stage.floorTop - stage.horizon + 2) / stage.cameraHeight),
    );
  drawFloor(ctx, view, random, random.pick(['asphalt', 'concrete'] as const));
  const curb = random.range(view.near * 1.5, view.near * 4);
  ctx.fillStyle = hsl(0, 0, random.range(60, 75));
  view.quad(ctx, -60, curb, 60, curb + 0.25);
  ctx.fill();
  ctx.fillStyle = hsl(220, 5, random.range(22, 32));
  view.quad(ctx, -60, curb + 0.25, 60, curb + 8);
  ctx.fill();
  ctx.fillStyle = random.chance(0.5) ? 'rgb(245 245 245 / 0.8)' : 'rgb(240 200 60 / 0.8)';
  for (let x = -40; x < 40; x += 6) view.line(ctx, x, curb + 4, x + 3, curb + 4, 0.12);
  const items = scatter(view, random, random.int(0, 3), random.int(0, 4), true);
  for (let i = random.int(0, 3); i > 0; i--) {
    const z = curb + random.range(1, 6);
    const y = view.y(z);
    const x = random.range(-0.2, 1.2) * stage.width;
    items.push(drawnItem(y, random.int(1, 1e9), (ctx, r) => car(ctx, r, x, y, pixelsPerMetre(stage, y), stage)));
  }
  return items;
}

function car(ctx: Context, random: Random, x: number, y: number, s: number, stage: Stage): Shape[] {
  const [w, h] = [random.range(3.8, 4.6) * s, random.range(1.4, 1.7) * s];
  const paint = hsl(random.range(0, 360), random.range(0, 60), random.range(20, 80));
  ctx.fillStyle = paint;
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - h * 0.75, w, h * 0.45, h * 0.12);
  ctx.fill();
  ctx.beginPath();
  ctx.roundRect(x - w * 0.3, y - h, w * 0.55, h * 0.35, h * 0.12);
  ctx.fill();
  ctx.fillStyle = 'rgb(40 50 60 / 0.85)';
  ctx.fillRect(x - w * 0.26, y - h * 0.95, w * 0.22, h * 0.25);
  ctx.fillRect(x, y - h * 0.95, w * 0.2, h * 0.25);
  for (const side of [-1, 1]) LOOKALIKES.wheel(ctx, random, x + side * w * 0.3, y - h * 0.2, h * 0.2, light(stage));
  return [{ kind: 'rect', x: x - w / 2, y: y - h, w, h }];
}

export function drawPark(ctx: Context, random: Random, stage: Stage): Item[] {
  const view = new FloorView(stage);
  drawSky(ctx, random, stage, stage.floorTop);
  if (stage.floorTop > 0)
    treeline(
      ctx,
      random,
      stage,
      stage.floorTop,
      random.range(5, 15) * Math.max(0.5, (stage.floorTop - stage.horizon + 2) / stage.cameraHeight),
    );
  drawFloor(ctx, view, random, random.chance(0.7) ? 'grass' : 'dirt');
  if (random.chance(0.6)) {
    ctx.fillStyle = hsl(35, random.range(15, 35), random.range(55, 70), 0.9);
    const px = random.range(-4, 2);
    view.quad(ctx, px, view.near * 0.8, px + random.range(1.5, 3), view.far);
    ctx.fill();
    texture(ctx, 'blotch', 0.35, 2);
  }
  const items = scatter(view, random, random.int(0, 3), random.int(0, 3));
  for (let i = random.int(0, 3); i > 0; i--) {
    const z = random.range(view.near * 1.5, Math.min(view.far, view.near * 8));
    const y = view.y(z);
    const x = random.range(0, stage.width);
    items.push(drawnItem(y, random.int(1, 1e9), (ctx, r) => tree(ctx, r, x, y, pixelsPerMetre(stage, y))));
  }
  if (random.chance(0.5)) {
    const y = view.y(random.range(view.near * 1.5, view.near * 5));
    const x = random.range(0, stage.width);
    items.push(drawnItem(y, random.int(1, 1e9), (ctx, r) => bench(ctx, r, x, y, pixelsPerMetre(stage, y))));
  }
  return items;
}

function tree(ctx: Context, random: Random, x: number, y: number, s: number): Shape[] {
  const trunk = random.range(0.2, 0.4) * s;
  const height = random.range(2, 3.5) * s;
  ctx.fillStyle = hsl(25, 30, random.range(18, 30));
  ctx.fillRect(x - trunk / 2, y - height, trunk, height);
  texture(ctx, 'wood', 0.4, 0.5, [x - trunk / 2, y - height, trunk, height], 'overlay', Math.PI / 2);
  const crown = random.range(1.2, 2.5) * s;
  for (let i = 0; i < 9; i++) {
    ctx.fillStyle = hsl(random.range(80, 130), random.range(25, 50), random.range(18, 38));
    ctx.beginPath();
    ctx.ellipse(
      x + random.range(-1, 1) * crown * 0.6,
      y - height - random.range(0, 1) * crown * 0.8,
      crown * random.range(0.4, 0.7),
      crown * random.range(0.35, 0.6),
      0,
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
  return [{ kind: 'rect', x: x - trunk / 2, y: y - height, w: trunk, h: height }];
}
