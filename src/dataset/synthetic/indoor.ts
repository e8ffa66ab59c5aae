// Indoor backdrops: a living room or bedroom, a classroom, a school gym. Walls and floors are drawn at
// once; furniture standing on the floor comes back as items, so it is drawn in depth order with the
// balls and hides them truthfully.
import type { Random } from '../../shared/random.ts';
import { type Context, drawnItem, hsl, type Item, pixelsPerMetre, type Stage } from './common.ts';
import { drawFloor, drawWall, FloorView } from './floor.ts';
import { bag, bin, block, box, chair, desk, type Prop, plant, shelf, sofa } from './props.ts';
import { texture } from './textures.ts';

/** Pixels per metre on the back wall, and the y of a point `metres` above the floor on it. */
export function wallScale(stage: Stage) {
  const distance = (stage.focal * stage.cameraHeight) / Math.max(1, stage.floorTop - stage.horizon);
  const s = stage.focal / distance;
  return { s, y: (metres: number) => stage.floorTop - metres * s };
}

export function windowPane(ctx: Context, random: Random, x: number, y: number, w: number, h: number, night: boolean) {
  const frame = random.chance(0.7) ? '#f2f2f0' : hsl(30, 30, 35);
  ctx.fillStyle = frame;
  ctx.fillRect(x - w * 0.05, y - h * 0.05, w * 1.1, h * 1.1);
  const sky = ctx.createLinearGradient(0, y, 0, y + h);
  sky.addColorStop(0, night ? '#1c2233' : '#dfeefa');
  sky.addColorStop(1, night ? '#2b2f3a' : '#f8fbff');
  ctx.fillStyle = sky;
  ctx.fillRect(x, y, w, h);
  if (!night)
    for (let i = random.int(0, 4); i > 0; i--) {
      ctx.fillStyle = hsl(random.range(90, 130), 30, random.range(45, 65), 0.7);
      ctx.beginPath();
      ctx.ellipse(
        x + random.range(0, w),
        y + h * random.range(0.6, 1),
        w * random.range(0.15, 0.35),
        h * random.range(0.15, 0.3),
        0,
        0,
        Math.PI * 2,
      );
      ctx.fill();
    }
  ctx.fillStyle = frame;
  ctx.fillRect(x + w / 2 - w * 0.02, y, w * 0.04, h);
  if (random.chance(0.5)) ctx.fillRect(x, y + h * 0.45, w, h * 0.04);
  if (random.chance(0.5)) {
    const curtain = hsl(random.range(0, 360), random.range(10, 50), random.range(40, 80));
    for (const side of [0, 1]) {
      ctx.fillStyle = curtain;
      const cw = w * random.range(0.15, 0.3);
      ctx.fillRect(side ? x + w - cw * 0.6 : x - cw * 0.4, y - h * 0.08, cw, h * 1.2);
      texture(ctx, 'fabric', 0.4, 0.8, [side ? x + w - cw * 0.6 : x - cw * 0.4, y - h * 0.08, cw, h * 1.2]);
    }
  }
}

function door(ctx: Context, random: Random, x: number, floorY: number, s: number) {
  const [w, h] = [0.85 * s, 2.05 * s];
  ctx.fillStyle = hsl(0, 0, 92);
  ctx.fillRect(x - w * 0.06, floorY - h * 1.03, w * 1.12, h * 1.03);
  const c = random.chance(0.5) ? hsl(30, random.range(25, 45), random.range(30, 55)) : hsl(0, 0, random.range(80, 95));
  ctx.fillStyle = c;
  ctx.fillRect(x, floorY - h, w, h);
  ctx.strokeStyle = 'rgb(0 0 0 / 0.15)';
  ctx.lineWidth = Math.max(1, s * 0.01);
  for (const [py, ph] of [
    [0.08, 0.35],
    [0.5, 0.42],
  ])
    ctx.strokeRect(x + w * 0.15, floorY - h + h * (py as number), w * 0.7, h * (ph as number));
  ctx.fillStyle = '#b8b8b8';
  ctx.fillRect(x + w * 0.82, floorY - h * 0.5, w * 0.1, s * 0.025);
}

function frameOnWall(ctx: Context, random: Random, x: number, y: number, w: number, h: number) {
  ctx.fillStyle = random.pick(['#222', '#f5f5f5', hsl(30, 40, 30)]);
  ctx.fillRect(x - w * 0.05, y - w * 0.05, w * 1.1, h + w * 0.1);
  const g = ctx.createLinearGradient(x, y, x, y + h);
  g.addColorStop(0, hsl(random.range(0, 360), 40, random.range(50, 80)));
  g.addColorStop(1, hsl(random.range(0, 360), 40, random.range(20, 60)));
  ctx.fillStyle = g;
  ctx.fillRect(x, y, w, h);
  texture(ctx, 'blotch', 0.6, w / 60, [x, y, w, h]);
}

/** Furniture against the back wall and loose things on the floor, as depth-ordered items. */
function furnish(random: Random, stage: Stage, props: readonly Prop[], count: number): Item[] {
  const items: Item[] = [];
  const view = new FloorView(stage);
  for (let i = 0; i < count; i++) {
    const againstWall = i < count / 2 && stage.floorTop > 0;
    const z = againstWall
      ? view.z(stage.floorTop) * random.range(0.85, 0.98)
      : random.range(view.near * 1.1, Math.min(view.far, view.near * 4));
    const y = view.y(z);
    const x = random.range(-0.1, 1.1) * stage.width;
    const prop = random.pick(props);
    items.push(drawnItem(y, random.int(1, 1e9), (ctx, r) => prop(ctx, r, x, y, pixelsPerMetre(stage, y))));
  }
  return items;
}

function side(ctx: Context, random: Random, stage: Stage, colour: string) {
  // A side wall receding towards the vanishing point gives the room depth.
  if (stage.floorTop <= 0 || !random.chance(0.55)) return;
  const left = random.chance(0.5);
  const corner = left ? stage.width * random.range(0.05, 0.3) : stage.width * random.range(0.7, 0.95);
  const edge = left ? 0 : stage.width;
  const k = (stage.vanishX - edge) / (stage.vanishX - corner || 1);
  const floorEdge = stage.horizon + (stage.floorTop - stage.horizon) * k;
  ctx.beginPath();
  ctx.moveTo(edge, 0);
  ctx.lineTo(corner, 0);
  ctx.lineTo(corner, stage.floorTop);
  ctx.lineTo(edge, floorEdge);
  ctx.closePath();
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.fillStyle = 'rgb(0 0 0 / 0.18)';
  ctx.fill();
  ctx.strokeStyle = 'rgb(245 245 240 / 0.9)';
  ctx.lineWidth = Math.max(2, (stage.height - stage.floorTop) * 0.02);
  ctx.beginPath();
  ctx.moveTo(corner, stage.floorTop);
  ctx.lineTo(edge, floorEdge);
  ctx.stroke();
}

export function drawRoom(ctx: Context, random: Random, stage: Stage): Item[] {
  const { width, floorTop } = stage;
  const wallColour = hsl(random.range(0, 360), random.range(5, 35), random.range(60, 90));
  drawFloor(ctx, new FloorView(stage), random, random.pick(['wood', 'wood', 'tiles', 'carpet', 'lino'] as const));
  if (floorTop > 0) {
    drawWall(ctx, random, 0, 0, width, floorTop, wallColour);
    const wall = wallScale(stage);
    if (random.chance(0.2)) {
      ctx.fillStyle = 'rgb(0 0 0 / 0.05)';
      for (let x = 0; x < width; x += wall.s * 0.2) ctx.fillRect(x, 0, wall.s * 0.08, floorTop);
    }
    const ceiling = wall.y(2.5);
    if (ceiling > 0) {
      ctx.fillStyle = hsl(40, 10, 92);
      ctx.fillRect(0, 0, width, ceiling);
      ctx.fillStyle = 'rgb(0 0 0 / 0.08)';
      ctx.fillRect(0, ceiling - 2, width, 3);
    }
    let x = random.range(-0.5, 0.3) * wall.s;
    while (x < width) {
      const feature = random.pick(['window', 'door', 'frame', 'frame', 'gap', 'tv', 'shelf'] as const);
      if (feature === 'window') {
        const w = random.range(0.8, 1.6) * wall.s;
        windowPane(ctx, random, x, wall.y(2.1), w, 1.2 * wall.s, stage.lighting === 'low');
        x += w;
      } else if (feature === 'door') {
        door(ctx, random, x, floorTop, wall.s);
        x += wall.s;
      } else if (feature === 'frame') {
        const w = random.range(0.3, 0.8) * wall.s;
        frameOnWall(ctx, random, x, wall.y(random.range(1.4, 1.8)), w, w * random.range(0.6, 1.3));
        x += w;
      } else if (feature === 'tv') {
        ctx.fillStyle = '#111';
        ctx.fillRect(x, wall.y(1.5), 1.1 * wall.s, 0.62 * wall.s);
        x += 1.1 * wall.s;
      } else if (feature === 'shelf') {
        const w = random.range(0.6, 1) * wall.s;
        block(ctx, x, wall.y(1.6), w, 0.03 * wall.s, 0.2 * wall.s, hsl(30, 30, 50));
        for (let i = random.int(1, 5); i > 0; i--)
          block(
            ctx,
            x + random.range(0, w * 0.8),
            wall.y(1.63),
            random.range(0.04, 0.12) * wall.s,
            random.range(0.1, 0.25) * wall.s,
            0.05 * wall.s,
            hsl(random.range(0, 360), 50, 50),
          );
        x += w;
      }
      x += random.range(0.3, 1.2) * wall.s;
    }
    ctx.fillStyle = hsl(40, 10, 94);
    ctx.fillRect(0, floorTop - 0.08 * wall.s, width, 0.08 * wall.s);
    side(ctx, random, stage, wallColour);
  }
  if (random.chance(0.4)) {
    const view = new FloorView(stage);
    const z = random.range(view.near, view.near * 2.5);
    ctx.fillStyle = hsl(random.range(0, 360), random.range(20, 60), random.range(30, 70));
    view.quad(ctx, random.range(-1.5, 0), z, random.range(0.5, 2), z + random.range(1, 2.5));
    ctx.fill();
    texture(ctx, 'fabric', 0.5, 0.6);
  }
  return furnish(random, stage, [sofa, shelf, desk, chair, plant, box, bag, bin, chair], random.int(2, 6));
}

export function drawClassroom(ctx: Context, random: Random, stage: Stage): Item[] {
  const { width, floorTop } = stage;
  drawFloor(ctx, new FloorView(stage), random, random.pick(['lino', 'tiles', 'wood'] as const));
  if (floorTop > 0) {
    drawWall(ctx, random, 0, 0, width, floorTop, hsl(random.range(30, 200), random.range(5, 25), random.range(70, 90)));
    const wall = wallScale(stage);
    const bw = random.range(2.5, 4) * wall.s;
    const bx = random.range(-0.3, 0.7) * width;
    const white = random.chance(0.5);
    ctx.fillStyle = '#9a9a9a';
    ctx.fillRect(bx - 0.05 * wall.s, wall.y(2.15), bw + 0.1 * wall.s, 1.3 * wall.s);
    ctx.fillStyle = white ? '#f4f6f6' : hsl(150, 30, random.range(18, 26));
    ctx.fillRect(bx, wall.y(2.1), bw, 1.2 * wall.s);
    ctx.strokeStyle = white ? hsl(random.pick([0, 220, 120]), 70, 35, 0.8) : 'rgb(240 240 230 / 0.7)';
    ctx.lineWidth = Math.max(1, wall.s * 0.012);
    for (let i = random.int(3, 9); i > 0; i--) {
      const [lx, ly] = [bx + random.range(0.05, 0.7) * bw, wall.y(random.range(1.05, 2.0))];
      ctx.beginPath();
      ctx.moveTo(lx, ly);
      for (let k = 0; k < 12; k++)
        ctx.lineTo(lx + k * random.range(0.02, 0.06) * wall.s, ly + random.range(-0.02, 0.02) * wall.s);
      ctx.stroke();
    }
    for (let x = random.range(0, 0.2) * width; x < width; x += random.range(0.15, 0.4) * width) {
      if (x > bx - 0.5 * wall.s && x < bx + bw) continue;
      if (random.chance(0.5))
        windowPane(ctx, random, x, wall.y(2.2), 1.1 * wall.s, 1.3 * wall.s, stage.lighting === 'low');
      else frameOnWall(ctx, random, x, wall.y(1.9), 0.5 * wall.s, 0.7 * wall.s);
    }
    side(ctx, random, stage, hsl(40, 15, 80));
  }
  // Rows of desks and chairs receding to the board.
  const view = new FloorView(stage);
  const items: Item[] = [];
  for (let z = view.near * random.range(1.1, 1.6); z < Math.min(view.far, view.near * 6); z += random.range(1.1, 1.6)) {
    const y = view.y(z);
    for (let x = -3; x <= 3; x += random.range(1.1, 1.5)) {
      const [px] = view.point(x, z);
      if (px < -100 || px > width + 100 || random.chance(0.15)) continue;
      items.push(
        drawnItem(y, random.int(1, 1e9), (c, r) => {
          const s = pixelsPerMetre(stage, y);
          return [...chair(c, r, px + s * 0.1, y + s * 0.05, s), ...desk(c, r, px, y - s * 0.05, s)];
        }),
      );
    }
  }
  return items;
}

export function drawGym(ctx: Context, random: Random, stage: Stage): Item[] {
  const { width, floorTop } = stage;
  const view = new FloorView(stage);
  drawFloor(ctx, view, random, 'gym');
  const line = random.pick(['#f4f4f4', '#202020', hsl(0, 75, 45), hsl(215, 70, 40), hsl(50, 90, 50)]);
  ctx.fillStyle = line;
  const [x0, x1] = [-random.range(4, 8), random.range(4, 8)];
  const [z0, z1] = [view.near * random.range(0.6, 1.5), view.near + random.range(8, 18)];
  view.line(ctx, x0, z0, x0, z1, 0.05);
  view.line(ctx, x1, z0, x1, z1, 0.05);
  view.line(ctx, x0, z1, x1, z1, 0.05);
  view.line(ctx, x0, (z0 + z1) / 2, x1, (z0 + z1) / 2, 0.05);
  view.ellipse(ctx, (x0 + x1) / 2, (z0 + z1) / 2, 1.8, 0.05);
  if (random.chance(0.5)) {
    ctx.fillStyle = hsl(random.pick([0, 215, 130]), 50, 40, 0.55);
    view.quad(ctx, -2.4, z1 - 5.8, 2.4, z1);
    ctx.fill();
  }
  // Polished wood mirrors the windows and lights in soft vertical streaks.
  ctx.save();
  ctx.globalCompositeOperation = 'screen';
  for (let i = random.int(2, 5); i > 0; i--) {
    const x = random.range(0, width);
    const g = ctx.createLinearGradient(0, Math.max(0, floorTop), 0, stage.height);
    g.addColorStop(0, 'rgb(255 250 235 / 0.35)');
    g.addColorStop(1, 'rgb(255 250 235 / 0)');
    ctx.fillStyle = g;
    ctx.fillRect(x, Math.max(0, floorTop), random.range(0.03, 0.1) * width, stage.height);
  }
  ctx.restore();
  if (floorTop > 0) {
    const wall = wallScale(stage);
    drawWall(ctx, random, 0, 0, width, floorTop, hsl(random.range(30, 220), random.range(5, 25), random.range(65, 88)));
    ctx.strokeStyle = 'rgb(0 0 0 / 0.12)';
    ctx.lineWidth = 1;
    for (let y = floorTop; y > 0; y -= 0.2 * wall.s) {
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
      ctx.stroke();
      for (let x = ((y / (0.2 * wall.s)) % 2) * 0.2 * wall.s; x < width; x += 0.4 * wall.s) {
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x, y - 0.2 * wall.s);
        ctx.stroke();
      }
    }
    ctx.fillStyle = hsl(random.pick([0, 215, 130, 50]), 60, 40);
    ctx.fillRect(0, wall.y(1.8), width, 1.8 * wall.s);
    ctx.strokeStyle = 'rgb(0 0 0 / 0.25)';
    for (let x = 0; x < width; x += 1.2 * wall.s) ctx.strokeRect(x, wall.y(1.8), 1.2 * wall.s, 1.8 * wall.s);
    for (let x = random.range(0, 2) * wall.s; x < width; x += random.range(2, 4) * wall.s)
      windowPane(ctx, random, x, wall.y(6), 1.5 * wall.s, 1 * wall.s, stage.lighting === 'low');
    if (random.chance(0.6)) {
      const hx = random.range(0.2, 0.8) * width;
      ctx.fillStyle = '#f5f5f5';
      ctx.fillRect(hx - 0.9 * wall.s, wall.y(3.9), 1.8 * wall.s, 1.05 * wall.s);
      ctx.strokeStyle = hsl(0, 70, 45);
      ctx.lineWidth = Math.max(1, wall.s * 0.05);
      ctx.strokeRect(hx - 0.3 * wall.s, wall.y(3.5), 0.6 * wall.s, 0.45 * wall.s);
      ctx.strokeStyle = hsl(22, 90, 50);
      ctx.beginPath();
      ctx.ellipse(hx, wall.y(3.05), 0.23 * wall.s, 0.06 * wall.s, 0, 0, Math.PI * 2);
      ctx.stroke();
      ctx.strokeStyle = 'rgb(250 250 250 / 0.8)';
      ctx.lineWidth = 1;
      for (let k = -3; k <= 3; k++) {
        ctx.beginPath();
        ctx.moveTo(hx + k * 0.065 * wall.s, wall.y(3.05));
        ctx.lineTo(hx + k * 0.04 * wall.s, wall.y(2.65));
        ctx.stroke();
      }
    }
  }
  return furnish(random, stage, [box, bag, bin, chair], random.int(0, 3));
}
