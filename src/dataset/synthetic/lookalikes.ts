// Round things that are not balls, drawn as hard negatives: fruit, balloons and heads here (shaded
// like spheres, so only their shape details, stems, knots, faces, tell them apart from a ball), and
// the flat ones (clocks, wheels, plates, coins, signs, lamps…) in lookalikes-flat.ts.
import type { Random } from '../../shared/random.ts';
import { shadeSphere } from './ball-sprite.ts';
import { type Context, hsl, type Lighting, newCanvas, type Shape, softShadow, type Vec3 } from './common.ts';
import { FLAT_LOOKALIKES } from './lookalikes-flat.ts';
import { texture } from './textures.ts';

export interface Light {
  light: Vec3;
  lighting: Lighting;
}

export type Lookalike = (ctx: Context, random: Random, x: number, y: number, r: number, light: Light) => Shape[];

/** Draws `outline` filled by `paint`, shaded as a sphere, centred at (x, y). */
function rounded(
  ctx: Context,
  x: number,
  y: number,
  r: number,
  { light, lighting }: Light,
  gloss: number,
  outline: (c: Context) => void,
  paint: (c: Context) => void,
) {
  const size = Math.ceil(r * 2.6 + 4);
  const [canvas, c] = newCanvas(size, size);
  c.translate(size / 2, size / 2);
  outline(c);
  c.clip();
  paint(c);
  c.save();
  c.scale(1.06, 1.06);
  shadeSphere(c, r, light, gloss, lighting);
  c.restore();
  ctx.drawImage(canvas, x - size / 2, y - size / 2);
}

const disc =
  (r: number, sx = 1, sy = 1) =>
  (c: Context) => {
    c.beginPath();
    c.ellipse(0, 0, r * sx, r * sy, 0, 0, Math.PI * 2);
  };

const circle = (x: number, y: number, r: number): Shape[] => [{ kind: 'circle', x, y, r }];

const orange: Lookalike = (ctx, random, x, y, r, light) => {
  const hue = random.range(22, 36);
  const squash = random.range(0.88, 0.96);
  rounded(ctx, x, y, r, light, 0.35, disc(r, 1, squash), (c) => {
    c.fillStyle = hsl(hue, 95, random.range(45, 55));
    c.fillRect(-r, -r, 2 * r, 2 * r);
    c.beginPath();
    c.rect(-r, -r, 2 * r, 2 * r);
    texture(c, 'pebble', 0.4, Math.max(0.3, r / 120));
    // The navel or stem scar, off centre: the giveaway at close range.
    const [sx, sy] = [random.range(-0.4, 0.4) * r, random.range(-0.6, 0.2) * r];
    c.fillStyle = hsl(random.chance(0.5) ? 90 : 30, 40, 25);
    c.beginPath();
    c.arc(sx, sy, r * 0.07, 0, Math.PI * 2);
    c.fill();
    if (random.chance(0.3)) {
      c.fillStyle = hsl(110, 50, 28);
      c.beginPath();
      c.ellipse(sx + r * 0.2, sy - r * 0.05, r * 0.25, r * 0.09, -0.4, 0, Math.PI * 2);
      c.fill();
    }
  });
  return circle(x, y, r);
};

const apple: Lookalike = (ctx, random, x, y, r, light) => {
  const green = random.chance(0.3);
  const outline = (c: Context) => {
    c.beginPath();
    c.moveTo(0, -r * 0.72);
    c.bezierCurveTo(r * 0.5, -r * 1.05, r * 1.08, -r * 0.6, r * 0.98, 0);
    c.bezierCurveTo(r * 0.92, r * 0.7, r * 0.45, r * 0.98, 0, r * 0.88);
    c.bezierCurveTo(-r * 0.45, r * 0.98, -r * 0.92, r * 0.7, -r * 0.98, 0);
    c.bezierCurveTo(-r * 1.08, -r * 0.6, -r * 0.5, -r * 1.05, 0, -r * 0.72);
  };
  rounded(ctx, x, y, r, light, 0.55, outline, (c) => {
    c.fillStyle = green
      ? hsl(random.range(70, 95), 70, 45)
      : hsl(random.range(350, 362) % 360, 80, random.range(35, 45));
    c.fillRect(-r * 1.2, -r * 1.2, 2.4 * r, 2.4 * r);
    c.strokeStyle = green ? hsl(60, 80, 60, 0.4) : hsl(40, 90, 55, 0.35);
    c.lineWidth = Math.max(1, r * 0.05);
    for (let i = -4; i <= 4; i++) {
      c.beginPath();
      c.moveTo(i * r * 0.2, -r);
      c.quadraticCurveTo(i * r * 0.28, 0, i * r * 0.18, r);
      c.stroke();
    }
  });
  ctx.strokeStyle = hsl(25, 50, 22);
  ctx.lineWidth = Math.max(1, r * 0.07);
  ctx.beginPath();
  ctx.moveTo(x, y - r * 0.72);
  ctx.quadraticCurveTo(x + r * 0.05, y - r * 1.0, x + r * 0.15, y - r * 1.1);
  ctx.stroke();
  if (random.chance(0.4)) {
    ctx.fillStyle = hsl(110, 55, 32);
    ctx.beginPath();
    ctx.ellipse(x + r * 0.35, y - r * 1.0, r * 0.25, r * 0.1, -0.5, 0, Math.PI * 2);
    ctx.fill();
  }
  return circle(x, y, r);
};

const lemon: Lookalike = (ctx, random, x, y, r, light) => {
  const lime = random.chance(0.35);
  const angle = random.range(-0.6, 0.6);
  rounded(
    ctx,
    x,
    y,
    r,
    light,
    0.4,
    (c) => {
      c.rotate(angle);
      c.beginPath();
      c.ellipse(0, 0, r, r * 0.74, 0, 0, Math.PI * 2);
      c.ellipse(r * 0.95, 0, r * 0.14, r * 0.12, 0, 0, Math.PI * 2);
      c.ellipse(-r * 0.95, 0, r * 0.1, r * 0.1, 0, 0, Math.PI * 2);
      c.rotate(-angle);
    },
    (c) => {
      c.fillStyle = lime ? hsl(95, 65, 42) : hsl(random.range(50, 56), 95, 55);
      c.fillRect(-r * 1.3, -r * 1.3, 2.6 * r, 2.6 * r);
      c.beginPath();
      c.rect(-r * 1.3, -r * 1.3, 2.6 * r, 2.6 * r);
      texture(c, 'pebble', 0.35, Math.max(0.3, r / 140));
    },
  );
  return circle(x, y, r * 0.85);
};

const balloon: Lookalike = (ctx, random, x, y, r, light) => {
  const hue = random.pick([0, 30, 50, 120, 200, 230, 280, 320]);
  const metallic = random.chance(0.2);
  ctx.strokeStyle = 'rgb(240 240 240 / 0.8)';
  ctx.lineWidth = Math.max(0.8, r * 0.02);
  ctx.beginPath();
  ctx.moveTo(x, y + r * 1.05);
  ctx.bezierCurveTo(x + r * 0.3, y + r * 1.8, x - r * 0.3, y + r * 2.4, x + random.range(-0.3, 0.3) * r, y + r * 3.5);
  ctx.stroke();
  ctx.fillStyle = hsl(hue, 80, 40);
  ctx.beginPath();
  ctx.moveTo(x, y + r * 0.98);
  ctx.lineTo(x - r * 0.1, y + r * 1.1);
  ctx.lineTo(x + r * 0.1, y + r * 1.1);
  ctx.fill();
  const outline = (c: Context) => {
    c.beginPath();
    c.moveTo(0, -r);
    c.bezierCurveTo(r * 1.15, -r, r * 0.95, r * 0.55, 0, r);
    c.bezierCurveTo(-r * 0.95, r * 0.55, -r * 1.15, -r, 0, -r);
  };
  rounded(ctx, x, y, r, light, 0.95, outline, (c) => {
    c.fillStyle = metallic ? hsl(hue, 40, 70) : hsl(hue, random.range(70, 95), random.range(45, 58));
    c.fillRect(-r * 1.3, -r * 1.3, 2.6 * r, 2.6 * r);
    if (random.chance(0.25)) {
      c.fillStyle = 'rgb(255 255 255 / 0.85)';
      c.font = `bold ${r * 0.35}px sans-serif`;
      c.textAlign = 'center';
      c.fillText(random.pick(['HAPPY', '★', '♥', '5', 'PARTY']), 0, r * 0.1);
    }
  });
  return [{ kind: 'circle', x, y, r: r * 0.9 }];
};

/** A head: skin, hair, eyes and mouth; the round shape most often next to a held ball. */
export const head: Lookalike = (ctx, random, x, y, r, light) => {
  const skin = random.pick(SKIN);
  const hair = random.pick(['#1b1410', '#2e1d12', '#4a2f1a', '#7a5230', '#b8894f', '#111', '#5a5a5a']);
  const facing = random.range(-0.35, 0.35);
  const back = random.chance(0.15);
  ctx.fillStyle = skin;
  for (const side of [-1, 1]) {
    ctx.beginPath();
    ctx.ellipse(x + side * r * 0.86 + facing * r * 0.3, y + r * 0.08, r * 0.14, r * 0.22, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  rounded(ctx, x, y, r, light, 0.2, disc(r, 0.86, 1.05), (c) => {
    c.fillStyle = back ? hair : skin;
    c.fillRect(-r * 1.3, -r * 1.3, 2.6 * r, 2.6 * r);
    if (back) return;
    const fx = facing * r;
    c.fillStyle = hair;
    c.beginPath();
    c.ellipse(0, -r * random.range(0.45, 0.6), r * 1.0, r * random.range(0.5, 0.75), 0, Math.PI, Math.PI * 2);
    c.fill();
    c.fillRect(-r, -r * 0.55, r * random.range(0.1, 0.25), r * random.range(0.5, 1.2));
    c.fillRect(r * 0.8, -r * 0.55, r * 0.2, r * random.range(0.5, 1.2));
    c.fillStyle = '#1a1410';
    for (const side of [-1, 1]) {
      c.beginPath();
      c.ellipse(fx + side * r * 0.32, -r * 0.02, r * 0.08, r * 0.06, 0, 0, Math.PI * 2);
      c.fill();
      c.fillRect(fx + side * r * 0.32 - r * 0.13, -r * 0.2, r * 0.26, r * 0.05);
    }
    c.fillStyle = 'rgb(0 0 0 / 0.15)';
    c.beginPath();
    c.ellipse(fx + r * 0.03, r * 0.25, r * 0.09, r * 0.06, 0, 0, Math.PI * 2);
    c.fill();
    c.strokeStyle = hsl(0, 40, 35);
    c.lineWidth = Math.max(1, r * 0.05);
    c.beginPath();
    c.arc(fx, r * 0.3, r * 0.22, 0.35 * Math.PI, 0.65 * Math.PI);
    c.stroke();
  });
  return [{ kind: 'circle', x, y, r: r * 0.95 }];
};

export const SKIN = [
  hsl(28, 55, 82),
  hsl(25, 50, 72),
  hsl(27, 45, 62),
  hsl(25, 42, 50),
  hsl(22, 40, 38),
  hsl(20, 35, 27),
];

/** Fruit and the like lying on the floor or a table cast a small shadow. */
export function withShadow(draw: Lookalike): Lookalike {
  return (ctx, random, x, y, r, light) => {
    softShadow(ctx, x - light.light[0] * r * 0.5, y + r * 0.85, r * 0.95, r * 0.2, 0.4);
    return draw(ctx, random, x, y, r, light);
  };
}

export const LOOKALIKES = {
  orange: withShadow(orange),
  apple: withShadow(apple),
  lemon: withShadow(lemon),
  balloon,
  head,
  ...FLAT_LOOKALIKES,
};
export type LookalikeKind = keyof typeof LOOKALIKES;
