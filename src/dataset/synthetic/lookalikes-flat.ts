// Flat round look-alikes: clocks, wheels, plates, bowls and cups from above, coins, buttons, candies,
// cookies, doughnuts, round road signs and glowing lamps. Each is a disc at a glance; its markings,
// rim or glow say what it is.
import { type Context, hsl, type Shape, softShadow } from './common.ts';
import type { Light, Lookalike } from './lookalikes.ts';
import { texture } from './textures.ts';

const circle = (x: number, y: number, r: number): Shape[] => [{ kind: 'circle', x, y, r }];

function ring(ctx: Context, x: number, y: number, outer: number, inner: number, fill: string | CanvasGradient) {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.arc(x, y, outer, 0, Math.PI * 2);
  if (inner > 0) ctx.arc(x, y, inner, 0, Math.PI * 2, true);
  ctx.fill();
}

/** Brighter towards the light, darker away: a flat disc lit like everything else. */
function flatLight(ctx: Context, x: number, y: number, r: number, { light }: Light, strength = 0.25) {
  const g = ctx.createLinearGradient(x + light[0] * r, y + light[1] * r, x - light[0] * r, y - light[1] * r);
  g.addColorStop(0, `rgb(255 255 255 / ${strength * 0.6})`);
  g.addColorStop(1, `rgb(0 0 0 / ${strength})`);
  ring(ctx, x, y, r, 0, g);
}

const clock: Lookalike = (ctx, random, x, y, r, light) => {
  softShadow(ctx, x + r * 0.08, y + r * 0.1, r * 1.05, r * 1.05, 0.3, 0.7);
  ring(ctx, x, y, r, r * 0.88, random.pick(['#222', '#777', hsl(25, 40, 35), hsl(random.range(0, 360), 60, 45)]));
  ring(ctx, x, y, r * 0.88, 0, hsl(50, 10, random.range(88, 97)));
  ctx.strokeStyle = '#222';
  for (let i = 0; i < 12; i++) {
    const a = (i * Math.PI) / 6;
    ctx.lineWidth = Math.max(0.7, r * (i % 3 ? 0.02 : 0.045));
    ctx.beginPath();
    ctx.moveTo(x + Math.cos(a) * r * 0.72, y + Math.sin(a) * r * 0.72);
    ctx.lineTo(x + Math.cos(a) * r * 0.82, y + Math.sin(a) * r * 0.82);
    ctx.stroke();
  }
  if (r > 20 && random.chance(0.5)) {
    ctx.fillStyle = '#222';
    ctx.font = `${r * 0.2}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ['12', '3', '6', '9'].forEach((t, i) => {
      const a = -Math.PI / 2 + (i * Math.PI) / 2;
      ctx.fillText(t, x + Math.cos(a) * r * 0.58, y + Math.sin(a) * r * 0.58);
    });
  }
  for (const [len, width, colour] of [
    [0.45, 0.06, '#111'],
    [0.68, 0.04, '#111'],
    [0.75, 0.015, '#c62828'],
  ] as const) {
    const a = random.range(0, Math.PI * 2);
    ctx.strokeStyle = colour;
    ctx.lineWidth = Math.max(0.7, r * width);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + Math.cos(a) * r * len, y + Math.sin(a) * r * len);
    ctx.stroke();
  }
  flatLight(ctx, x, y, r, light, 0.15);
  return circle(x, y, r);
};

const wheel: Lookalike = (ctx, random, x, y, r, light) => {
  const bike = random.chance(0.35);
  const tyre = ctx.createRadialGradient(x, y, r * 0.6, x, y, r);
  tyre.addColorStop(0, '#2a2a2a');
  tyre.addColorStop(0.6, '#151515');
  tyre.addColorStop(1, '#0c0c0c');
  ring(ctx, x, y, r, bike ? r * 0.9 : r * 0.62, tyre);
  if (!bike) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.arc(x, y, r * 0.62, 0, Math.PI * 2, true);
    texture(ctx, 'grain', 0.3, 1);
  }
  const rim = bike ? r * 0.9 : r * 0.62;
  const metal = ctx.createLinearGradient(x - rim, y - rim, x + rim, y + rim);
  metal.addColorStop(0, '#e0e0e0');
  metal.addColorStop(1, '#777');
  ctx.strokeStyle = metal;
  const spokes = bike ? 28 : random.int(5, 7);
  ctx.lineWidth = bike ? Math.max(0.5, r * 0.012) : rim * 0.22;
  if (!bike) ring(ctx, x, y, rim, rim * 0.85, metal);
  ring(ctx, x, y, rim * (bike ? 0.08 : 0.22), 0, metal);
  for (let i = 0; i < spokes; i++) {
    const a = (i * Math.PI * 2) / spokes + random.range(0, 0.05);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + Math.cos(a) * rim * 0.9, y + Math.sin(a) * rim * 0.9);
    ctx.stroke();
  }
  flatLight(ctx, x, y, r, light, 0.2);
  return circle(x, y, r);
};

const plate: Lookalike = (ctx, random, x, y, r, light) => {
  const white = random.chance(0.7) ? hsl(40, 10, random.range(88, 97)) : hsl(random.range(0, 360), 40, 70);
  softShadow(ctx, x + r * 0.05, y + r * 0.08, r * 1.05, r * 1.05, 0.3, 0.8);
  ring(ctx, x, y, r, 0, white);
  const inner = ctx.createRadialGradient(x, y, r * 0.5, x, y, r * 0.7);
  inner.addColorStop(0, 'rgb(0 0 0 / 0)');
  inner.addColorStop(0.8, 'rgb(0 0 0 / 0.12)');
  inner.addColorStop(1, 'rgb(255 255 255 / 0.3)');
  ring(ctx, x, y, r * 0.7, 0, inner);
  if (random.chance(0.3)) ring(ctx, x, y, r * 0.93, r * 0.9, hsl(random.range(0, 360), 60, 45));
  for (let i = random.chance(0.4) ? random.int(2, 6) : 0; i > 0; i--) {
    ctx.fillStyle = hsl(random.range(0, 120), 60, random.range(30, 60));
    ctx.beginPath();
    ctx.ellipse(
      x + random.range(-0.35, 0.35) * r,
      y + random.range(-0.35, 0.35) * r,
      r * random.range(0.1, 0.25),
      r * random.range(0.08, 0.2),
      random.range(0, 3),
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
  flatLight(ctx, x, y, r, light, 0.15);
  return circle(x, y, r);
};

const bowl: Lookalike = (ctx, random, x, y, r, light) => {
  const c = random.chance(0.5) ? hsl(40, 10, 92) : hsl(random.range(0, 360), 55, 55);
  softShadow(ctx, x + r * 0.1, y + r * 0.12, r * 1.05, r * 1.05, 0.35, 0.6);
  ring(ctx, x, y, r, 0, c);
  const inside = ctx.createRadialGradient(x - r * 0.2, y - r * 0.2, 0, x, y, r * 0.85);
  inside.addColorStop(0, 'rgb(255 255 255 / 0.25)');
  inside.addColorStop(1, 'rgb(0 0 0 / 0.35)');
  ring(ctx, x, y, r * 0.86, 0, inside);
  if (random.chance(0.6)) {
    const cup = random.chance(0.5);
    ring(ctx, x, y, r * 0.75, 0, cup ? hsl(25, 60, random.range(12, 25)) : hsl(40, 50, 75));
    if (!cup)
      for (let i = 0; i < 30; i++)
        ring(
          ctx,
          x + random.range(-0.6, 0.6) * r,
          y + random.range(-0.6, 0.6) * r,
          r * 0.07,
          0,
          hsl(35, 70, random.range(40, 60)),
        );
    else {
      ctx.fillStyle = c;
      ctx.fillRect(x + r * 0.95, y - r * 0.12, r * 0.4, r * 0.24);
    }
  }
  flatLight(ctx, x, y, r, light, 0.15);
  return circle(x, y, r);
};

const coin: Lookalike = (ctx, random, x, y, r, light) => {
  const gold = random.chance(0.5);
  const g = ctx.createLinearGradient(x - r, y - r, x + r, y + r);
  g.addColorStop(0, gold ? '#f3d27a' : '#eeeeee');
  g.addColorStop(0.5, gold ? '#b8862b' : '#9a9a9a');
  g.addColorStop(1, gold ? '#f0c65e' : '#d8d8d8');
  softShadow(ctx, x + r * 0.1, y + r * 0.15, r * 1.05, r * 1.05, 0.35, 0.7);
  ring(ctx, x, y, r, 0, g);
  ring(ctx, x, y, r * 0.86, r * 0.8, 'rgb(0 0 0 / 0.2)');
  ctx.fillStyle = 'rgb(0 0 0 / 0.3)';
  ctx.font = `bold ${r * 0.8}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(random.pick(['1', '5', '10', '50', '100']), x, y);
  flatLight(ctx, x, y, r, light, 0.2);
  return circle(x, y, r);
};

const button: Lookalike = (ctx, random, x, y, r, light) => {
  const c = hsl(random.range(0, 360), random.range(10, 70), random.range(20, 75));
  ring(ctx, x, y, r, 0, c);
  ring(ctx, x, y, r, r * 0.8, 'rgb(0 0 0 / 0.15)');
  for (const [dx, dy] of [
    [-1, -1],
    [1, -1],
    [-1, 1],
    [1, 1],
  ])
    ring(ctx, x + dx * r * 0.22, y + dy * r * 0.22, r * 0.11, 0, 'rgb(0 0 0 / 0.55)');
  flatLight(ctx, x, y, r, light, 0.3);
  return circle(x, y, r);
};

const candy: Lookalike = (ctx, random, x, y, r, light) => {
  const hue = random.range(0, 360);
  const lollipop = random.chance(0.5);
  if (lollipop) {
    ctx.fillStyle = '#f4f1e8';
    ctx.fillRect(x - r * 0.08, y, r * 0.16, r * 3);
  } else {
    ctx.fillStyle = hsl(hue, 60, 75, 0.8);
    for (const side of [-1, 1]) {
      ctx.beginPath();
      ctx.moveTo(x + side * r * 0.8, y);
      ctx.lineTo(x + side * r * 1.6, y - r * 0.5);
      ctx.lineTo(x + side * r * 1.6, y + r * 0.5);
      ctx.fill();
    }
  }
  ring(ctx, x, y, r, 0, hsl(hue, 85, 55));
  ctx.strokeStyle = hsl((hue + random.range(90, 200)) % 360, 85, 80);
  ctx.lineWidth = Math.max(1, r * 0.15);
  ctx.beginPath();
  for (let t = 0; t < 14; t += 0.2) ctx.lineTo(x + Math.cos(t) * r * (t / 14), y + Math.sin(t) * r * (t / 14));
  ctx.stroke();
  flatLight(ctx, x, y, r, light, 0.3);
  ring(ctx, x - r * 0.35, y - r * 0.35, r * 0.2, 0, 'rgb(255 255 255 / 0.5)');
  return circle(x, y, r);
};

const cookie: Lookalike = (ctx, random, x, y, r, light) => {
  const donut = random.chance(0.5);
  softShadow(ctx, x + r * 0.08, y + r * 0.12, r * 1.05, r * 1.0, 0.35, 0.6);
  ring(ctx, x, y, r, donut ? r * 0.3 : 0, hsl(30, 60, random.range(40, 55)));
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  texture(ctx, 'blotch', 0.4, r / 40);
  if (donut) {
    ring(ctx, x, y, r * 0.85, r * 0.38, random.pick([hsl(330, 70, 70), hsl(20, 50, 22), hsl(50, 30, 92)]));
    for (let i = 0; i < 25; i++) {
      const [a, d] = [random.range(0, 6.3), random.range(0.45, 0.8) * r];
      ctx.fillStyle = hsl(random.range(0, 360), 80, 60);
      ctx.fillRect(x + Math.cos(a) * d, y + Math.sin(a) * d, r * 0.1, r * 0.04);
    }
  } else
    for (let i = 0; i < 10; i++)
      ring(ctx, x + random.range(-0.6, 0.6) * r, y + random.range(-0.6, 0.6) * r, r * 0.09, 0, hsl(20, 50, 15));
  flatLight(ctx, x, y, r, light, 0.2);
  return circle(x, y, r);
};

const sign: Lookalike = (ctx, random, x, y, r, light) => {
  ctx.fillStyle = '#8a8f94';
  ctx.fillRect(x - r * 0.06, y, r * 0.12, r * 6);
  const type = random.pick(['limit', 'noentry', 'blue', 'noparking'] as const);
  ring(
    ctx,
    x,
    y,
    r,
    0,
    type === 'blue' ? hsl(215, 80, 40) : type === 'noparking' ? hsl(215, 80, 40) : hsl(355, 80, 45),
  );
  ctx.strokeStyle = 'white';
  ctx.fillStyle = 'white';
  if (type === 'limit') {
    ring(ctx, x, y, r * 0.78, 0, '#f5f5f5');
    ctx.fillStyle = '#111';
    ctx.font = `bold ${r * 0.8}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(random.pick(['20', '30', '40', '50']), x, y + r * 0.04);
  } else if (type === 'noentry') ctx.fillRect(x - r * 0.65, y - r * 0.16, r * 1.3, r * 0.32);
  else if (type === 'blue') {
    ctx.lineWidth = r * 0.18;
    ctx.beginPath();
    ctx.moveTo(x - r * 0.45, y + r * 0.2);
    ctx.lineTo(x + r * 0.3, y + r * 0.2);
    ctx.lineTo(x + r * 0.3, y - r * 0.45);
    ctx.stroke();
  } else {
    ring(ctx, x, y, r * 0.8, r * 0.62, hsl(355, 80, 45));
    ctx.strokeStyle = hsl(355, 80, 45);
    ctx.lineWidth = r * 0.18;
    ctx.beginPath();
    ctx.moveTo(x - r * 0.55, y - r * 0.55);
    ctx.lineTo(x + r * 0.55, y + r * 0.55);
    ctx.stroke();
  }
  flatLight(ctx, x, y, r, light, 0.15);
  return circle(x, y, r);
};

const lamp: Lookalike = (ctx, random, x, y, r) => {
  const warm = random.chance(0.6);
  const glow = ctx.createRadialGradient(x, y, r * 0.5, x, y, r * 2.4);
  glow.addColorStop(0, warm ? 'rgb(255 230 180 / 0.6)' : 'rgb(235 245 255 / 0.6)');
  glow.addColorStop(1, 'rgb(255 240 220 / 0)');
  ctx.fillStyle = glow;
  ctx.fillRect(x - r * 2.4, y - r * 2.4, r * 4.8, r * 4.8);
  if (random.chance(0.4)) {
    // A bulb: pear-shaped glass and a metal screw base.
    ctx.fillStyle = '#9a9a9a';
    ctx.fillRect(x - r * 0.4, y - r * 1.5, r * 0.8, r * 0.6);
    ctx.strokeStyle = '#666';
    for (let i = 1; i < 4; i++) {
      ctx.beginPath();
      ctx.moveTo(x - r * 0.4, y - r * 1.5 + i * r * 0.15);
      ctx.lineTo(x + r * 0.4, y - r * 1.5 + i * r * 0.15);
      ctx.stroke();
    }
  }
  const core = ctx.createRadialGradient(x, y, 0, x, y, r);
  core.addColorStop(0, '#ffffff');
  core.addColorStop(0.7, warm ? '#fff4dc' : '#f4f8ff');
  core.addColorStop(1, warm ? '#ffe2a8' : '#dfe9f5');
  ring(ctx, x, y, r, 0, core);
  if (random.chance(0.4)) ring(ctx, x, y, r * 1.08, r, '#bbb');
  return circle(x, y, r);
};

export const FLAT_LOOKALIKES = { clock, wheel, plate, bowl, coin, button, candy, cookie, sign, lamp };
