// Everyday clutter and furniture, sized in metres and standing on the floor at (x, y): boxes, chairs,
// desks, shelves, sofas, plants, bags, shoes, bottles, cones, bins, benches. Each returns what it
// covers, so a prop in front of a ball marks the ball occluded.
import type { Random } from '../../shared/random.ts';
import { type Context, hsl, type Shape, softShadow } from './common.ts';
import { texture } from './textures.ts';

export type Prop = (ctx: Context, random: Random, x: number, y: number, s: number) => Shape[];

const colour = (random: Random, sat = [10, 60], light = [20, 70]) =>
  hsl(
    random.range(0, 360),
    random.range(sat[0] as number, sat[1] as number),
    random.range(light[0] as number, light[1] as number),
  );

/** A box with its top in view, lit from above: front face, lighter top, darker side. */
export function block(ctx: Context, x: number, y: number, w: number, h: number, d: number, fill: string, side = 1) {
  ctx.fillStyle = fill;
  ctx.fillRect(x, y - h, w, h);
  ctx.beginPath();
  ctx.moveTo(x, y - h);
  ctx.lineTo(x + d * side * 0.5, y - h - d * 0.4);
  ctx.lineTo(x + w + d * side * 0.5, y - h - d * 0.4);
  ctx.lineTo(x + w, y - h);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = 'rgb(255 255 255 / 0.22)';
  ctx.fill();
  const sx = side > 0 ? x + w : x;
  ctx.beginPath();
  ctx.moveTo(sx, y);
  ctx.lineTo(sx, y - h);
  ctx.lineTo(sx + d * side * 0.5, y - h - d * 0.4);
  ctx.lineTo(sx + d * side * 0.5, y - d * 0.4);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.fillStyle = 'rgb(0 0 0 / 0.25)';
  ctx.fill();
}

const rect = (x: number, y: number, w: number, h: number): Shape => ({ kind: 'rect', x, y, w, h });

export const box: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.25, 0.6) * s, random.range(0.2, 0.5) * s];
  softShadow(ctx, x, y, w * 0.7, w * 0.1, 0.35);
  block(
    ctx,
    x - w / 2,
    y,
    w,
    h,
    w * 0.5,
    hsl(random.range(28, 36), random.range(35, 50), random.range(45, 60)),
    random.pick([-1, 1]),
  );
  ctx.fillStyle = 'rgb(200 180 140 / 0.6)';
  ctx.fillRect(x - w * 0.06, y - h, w * 0.12, h * 0.4);
  return [rect(x - w / 2, y - h, w, h)];
};

export const chair: Prop = (ctx, random, x, y, s) => {
  const seat = random.range(0.38, 0.46) * s;
  const c = random.chance(0.5) ? colour(random, [30, 70], [25, 55]) : hsl(30, 40, random.range(25, 45));
  const leg = Math.max(1.5, seat * 0.06);
  const seatY = y - seat * 1.05;
  ctx.fillStyle = random.chance(0.5) ? '#555' : c;
  const shapes: Shape[] = [];
  for (const lx of [x - seat / 2, x + seat / 2 - leg]) {
    ctx.fillRect(lx, seatY, leg, y - seatY);
    shapes.push(rect(lx, seatY, leg, y - seatY));
  }
  block(ctx, x - seat / 2, seatY, seat, seat * 0.08, seat * 0.5, c);
  const back = seat * random.range(0.9, 1.1);
  ctx.fillStyle = c;
  ctx.fillRect(x - seat / 2 + seat * 0.1, seatY - seat * 0.4 - back * 0.6, seat * 0.8, back * 0.45);
  ctx.fillRect(x - seat / 2 + seat * 0.1, seatY - seat * 0.4, leg, seat * 0.4);
  ctx.fillRect(x + seat / 2 - seat * 0.1 - leg, seatY - seat * 0.4, leg, seat * 0.4);
  shapes.push(rect(x - seat / 2, seatY - seat * 0.1, seat, seat * 0.12));
  return shapes;
};

export const desk: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.6, 1.3) * s, random.range(0.68, 0.76) * s];
  const top = hsl(random.range(25, 40), random.range(15, 45), random.range(45, 80));
  const leg = Math.max(2, w * 0.03);
  ctx.fillStyle = random.chance(0.5) ? '#4a4a4a' : top;
  ctx.fillRect(x - w / 2 + leg, y - h, leg, h);
  ctx.fillRect(x + w / 2 - 2 * leg, y - h, leg, h);
  block(ctx, x - w / 2, y - h, w, h * 0.05, w * 0.35, top);
  texture(ctx, 'wood', 0.2, 0.4, [x - w / 2, y - h * 1.05, w, h * 0.05]);
  const shapes = [
    rect(x - w / 2 + leg, y - h, leg, h),
    rect(x + w / 2 - 2 * leg, y - h, leg, h),
    rect(x - w / 2, y - h * 1.05, w, h * 0.06),
  ];
  // Things on the desk: books, a pencil case, a bag.
  for (let i = random.int(0, 3); i > 0; i--) {
    const bw = random.range(0.1, 0.3) * s;
    const bh = random.range(0.02, 0.15) * s;
    block(ctx, x + random.range(-w / 2, w / 2 - bw), y - h * 1.05, bw, bh, bw * 0.3, colour(random));
  }
  return shapes;
};

export const shelf: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.6, 1.2) * s, random.range(0.8, 1.9) * s];
  const wood = hsl(random.range(20, 40), random.range(15, 45), random.range(25, 75));
  block(ctx, x - w / 2, y, w, h, w * 0.2, wood);
  const rows = Math.max(2, Math.round(h / (0.35 * s)));
  const rowH = h / rows;
  for (let r = 0; r < rows; r++) {
    const by = y - r * rowH - rowH * 0.08;
    ctx.fillStyle = 'rgb(0 0 0 / 0.35)';
    ctx.fillRect(x - w / 2 + w * 0.04, by - rowH * 0.84, w * 0.92, rowH * 0.84);
    let bx = x - w / 2 + w * 0.05;
    while (bx < x + w / 2 - w * 0.08) {
      const bw = random.range(0.02, 0.05) * s;
      const bh = rowH * random.range(0.5, 0.8);
      if (random.chance(0.85)) {
        ctx.fillStyle = colour(random, [20, 70], [20, 65]);
        ctx.fillRect(bx, by - bh, bw, bh);
      }
      bx += bw + 1;
    }
  }
  return [rect(x - w / 2, y - h, w, h)];
};

export const sofa: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(1.4, 2.2) * s, random.range(0.75, 0.9) * s];
  const c = colour(random, [10, 45], [25, 60]);
  ctx.fillStyle = c;
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - h, w, h * 0.6, h * 0.12);
  ctx.fill();
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - h * 0.55, w, h * 0.45, h * 0.08);
  ctx.fill();
  texture(ctx, 'fabric', 0.4, 0.6, [x - w / 2, y - h, w, h * 0.9]);
  ctx.fillStyle = 'rgb(0 0 0 / 0.18)';
  for (const side of [-1, 1]) {
    ctx.beginPath();
    ctx.roundRect(x + (side < 0 ? -w / 2 : w / 2 - w * 0.1), y - h * 0.7, w * 0.1, h * 0.6, h * 0.06);
    ctx.fill();
  }
  ctx.fillRect(x - w / 2, y - h * 0.1, w, h * 0.1);
  if (random.chance(0.6)) {
    ctx.fillStyle = colour(random, [30, 70], [40, 70]);
    ctx.beginPath();
    ctx.roundRect(x - w * 0.35, y - h * 0.85, w * 0.22, h * 0.3, h * 0.06);
    ctx.fill();
  }
  return [rect(x - w / 2, y - h, w, h)];
};

export const plant: Prop = (ctx, random, x, y, s) => {
  const pot = random.range(0.18, 0.35) * s;
  softShadow(ctx, x, y, pot * 0.7, pot * 0.12, 0.3);
  ctx.fillStyle = random.chance(0.5) ? hsl(15, 55, 40) : colour(random, [0, 30], [30, 85]);
  ctx.beginPath();
  ctx.moveTo(x - pot / 2, y - pot);
  ctx.lineTo(x + pot / 2, y - pot);
  ctx.lineTo(x + pot * 0.38, y);
  ctx.lineTo(x - pot * 0.38, y);
  ctx.fill();
  const leaves = random.int(8, 20);
  for (let i = 0; i < leaves; i++) {
    const a = -Math.PI / 2 + random.range(-1.2, 1.2);
    const len = pot * random.range(0.8, 2.4);
    ctx.fillStyle = hsl(random.range(90, 140), random.range(30, 60), random.range(18, 40));
    ctx.beginPath();
    ctx.ellipse(
      x + Math.cos(a) * len * 0.5,
      y - pot + Math.sin(a) * len * 0.5,
      len * 0.5,
      len * 0.12,
      a,
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
  return [rect(x - pot / 2, y - pot, pot, pot), { kind: 'circle', x, y: y - pot * 1.8, r: pot }];
};

export const bag: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.28, 0.45) * s, random.range(0.3, 0.5) * s];
  softShadow(ctx, x, y, w * 0.6, w * 0.1, 0.35);
  const c = colour(random, [20, 70], [15, 50]);
  ctx.fillStyle = c;
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - h, w, h, w * 0.25);
  ctx.fill();
  ctx.fillStyle = 'rgb(0 0 0 / 0.2)';
  ctx.beginPath();
  ctx.roundRect(x - w * 0.4, y - h * 0.45, w * 0.8, h * 0.35, w * 0.1);
  ctx.fill();
  ctx.strokeStyle = 'rgb(0 0 0 / 0.4)';
  ctx.lineWidth = Math.max(1, w * 0.04);
  ctx.beginPath();
  ctx.moveTo(x - w * 0.45, y - h * 0.6);
  ctx.lineTo(x + w * 0.45, y - h * 0.6);
  ctx.stroke();
  return [rect(x - w / 2, y - h, w, h)];
};

export const shoes: Prop = (ctx, random, x, y, s) => {
  const len = random.range(0.2, 0.28) * s;
  const c = colour(random, [0, 70], [15, 85]);
  for (const dx of [-len * 0.35, len * 0.35]) {
    ctx.fillStyle = c;
    ctx.beginPath();
    ctx.ellipse(x + dx, y - len * 0.15, len * 0.22, len * 0.5 * 0.35, random.range(-0.3, 0.3), 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#eee';
    ctx.fillRect(x + dx - len * 0.2, y - len * 0.06, len * 0.4, len * 0.05);
  }
  return [rect(x - len * 0.6, y - len * 0.35, len * 1.2, len * 0.35)];
};

export const bottle: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.06, 0.09) * s, random.range(0.2, 0.3) * s];
  const c = random.chance(0.5) ? 'rgb(180 210 230 / 0.7)' : colour(random, [40, 80], [30, 60]);
  ctx.fillStyle = c;
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - h, w, h, w * 0.3);
  ctx.fill();
  ctx.fillStyle = colour(random, [40, 80], [20, 60]);
  ctx.fillRect(x - w * 0.25, y - h - w * 0.35, w * 0.5, w * 0.4);
  ctx.fillStyle = 'rgb(255 255 255 / 0.35)';
  ctx.fillRect(x - w * 0.3, y - h * 0.9, w * 0.12, h * 0.75);
  return [rect(x - w / 2, y - h, w, h)];
};

export const cone: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.18, 0.3) * s, random.range(0.2, 0.45) * s];
  ctx.fillStyle = random.chance(0.8) ? hsl(random.range(15, 28), 95, 52) : hsl(55, 95, 55);
  ctx.fillRect(x - w * 0.6, y - h * 0.06, w * 1.2, h * 0.06);
  ctx.beginPath();
  ctx.moveTo(x - w / 2, y - h * 0.05);
  ctx.lineTo(x - w * 0.08, y - h);
  ctx.lineTo(x + w * 0.08, y - h);
  ctx.lineTo(x + w / 2, y - h * 0.05);
  ctx.fill();
  ctx.fillStyle = 'rgb(0 0 0 / 0.2)';
  ctx.fillRect(x, y - h, w * 0.5, h);
  return [rect(x - w / 2, y - h, w, h)];
};

export const bin: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.3, 0.5) * s, random.range(0.4, 0.8) * s];
  const g = ctx.createLinearGradient(x - w / 2, 0, x + w / 2, 0);
  const c = random.range(0, 360);
  g.addColorStop(0, hsl(c, 30, 25));
  g.addColorStop(0.35, hsl(c, 30, 50));
  g.addColorStop(1, hsl(c, 30, 20));
  ctx.fillStyle = g;
  ctx.fillRect(x - w / 2, y - h, w, h);
  ctx.fillStyle = hsl(c, 30, 15);
  ctx.fillRect(x - w * 0.55, y - h, w * 1.1, h * 0.08);
  return [rect(x - w / 2, y - h, w, h)];
};

export const bench: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(1.2, 2) * s, 0.45 * s];
  const wood = hsl(random.range(20, 35), 40, random.range(25, 45));
  ctx.fillStyle = '#333';
  const leg = Math.max(2, w * 0.025);
  ctx.fillRect(x - w * 0.42, y - h, leg, h);
  ctx.fillRect(x + w * 0.42 - leg, y - h, leg, h);
  for (let i = 0; i < 3; i++) block(ctx, x - w / 2, y - h - i * h * 0.09, w, h * 0.07, w * 0.05, wood);
  for (let i = 0; i < 2; i++) {
    ctx.fillStyle = wood;
    ctx.fillRect(x - w / 2, y - h * (1.5 + i * 0.3), w, h * 0.16);
  }
  return [
    rect(x - w * 0.42, y - h, leg, h),
    rect(x + w * 0.42 - leg, y - h, leg, h),
    rect(x - w / 2, y - h * 1.3, w, h * 0.3),
  ];
};

export const book: Prop = (ctx, random, x, y, s) => {
  const [w, h] = [random.range(0.15, 0.25) * s, random.range(0.2, 0.3) * s];
  ctx.save();
  ctx.translate(x, y - h / 2);
  ctx.rotate(random.range(-0.6, 0.6));
  ctx.fillStyle = 'rgb(0 0 0 / 0.25)';
  ctx.fillRect(-w / 2 + 2, -h / 2 + 3, w, h);
  ctx.fillStyle = colour(random, [30, 70], [25, 60]);
  ctx.fillRect(-w / 2, -h / 2, w, h);
  ctx.fillStyle = 'rgb(255 255 255 / 0.8)';
  ctx.fillRect(-w * 0.35, -h * 0.3, w * 0.7, h * 0.12);
  ctx.restore();
  return [rect(x - w / 2, y - h, w, h)];
};

/** Props that can stand in front of a ball on the floor (a table or chair leg, a box, a bag…). */
export const FLOOR_PROPS: readonly Prop[] = [box, chair, bag, shoes, bottle, plant, bin, box, bag];
export const OUTDOOR_PROPS: readonly Prop[] = [cone, bag, bottle, bench, shoes, bin, cone];
