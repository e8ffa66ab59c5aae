// The surface of each kind of ball: panels, seams, stitches, prints and logos laid out on the sphere,
// in the designs children actually bring (classic and modern footballs, tri-colour volleyballs,
// beach and playground balls…). Shading and texture are applied afterwards (ball-sprite.ts).
import type { Random } from '../../shared/random.ts';
import { type BallKind, type Context, hsl, type Vec3 } from './common.ts';
import {
  add,
  centroid,
  cross,
  mix,
  normalize,
  type SphereView,
  seamCurve,
  smallCircle,
  truncatedIcosahedron,
} from './sphere.ts';
import type { TileName } from './textures.ts';

export interface Material {
  /** 0 matte (felt, leather) … 1 glossy (rubber, vinyl): size and strength of the highlight. */
  gloss: number;
  tile: TileName;
  tileAlpha: number;
  /** Texture scale relative to the ball's radius in pixels. */
  tileScale: number;
  /** A fuzzy outline (tennis felt). */
  soft?: boolean;
}

type Painter = (ctx: Context, view: SphereView, random: Random) => Material;

const BRANDS = ['TAMA', 'PRO', 'STAR', 'GOAL', 'KIDS', 'SPORT', 'LAB', 'ACE', 'MAX', 'TOP'];
const up: Vec3 = [0, 0, 1];

function logo(ctx: Context, view: SphereView, random: Random, at: Vec3, colour: string, size = 22) {
  const text = random.pick(BRANDS);
  const second = random.chance(0.5) ? random.pick(['OFFICIAL', 'No.5', 'MATCH', 'SIZE 4', '★★★']) : '';
  view.sticker(ctx, at, Math.abs(at[2]) > 0.9 ? [1, 0, 0] : up, () => {
    ctx.fillStyle = colour;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `bold ${size}px sans-serif`;
    ctx.fillText(text, 0, 0);
    if (second) {
      ctx.font = `${size * 0.45}px sans-serif`;
      ctx.fillText(second, 0, size * 0.8);
    }
  });
}

const fibonacci = (n: number): Vec3[] =>
  Array.from({ length: n }, (_, i) => {
    const y = 1 - (2 * (i + 0.5)) / n;
    const t = i * 2.399963;
    const s = Math.sqrt(1 - y * y);
    return [Math.cos(t) * s, y, Math.sin(t) * s] as Vec3;
  });

let seamFree: Vec3 | undefined;
/** A point as far as possible from the tennis/baseball seam, where makers print the logo. */
function awayFromSeam(): Vec3 {
  if (seamFree) return seamFree;
  const seam = seamCurve(0.3, 64);
  let best: Vec3 = [0, 0, 1];
  let bestDistance = -1;
  for (const p of fibonacci(200)) {
    const d = Math.min(...seam.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])));
    if (d > bestDistance) [best, bestDistance] = [p, d];
  }
  seamFree = best;
  return best;
}

const base = (ctx: Context, view: SphereView, colour: string) => {
  ctx.fillStyle = colour;
  ctx.fillRect(-view.r, -view.r, 2 * view.r, 2 * view.r);
};

const soccer: Painter = (ctx, view, random) => {
  const r = view.r;
  const { pentagons, hexagons } = truncatedIcosahedron();
  const design = random.pick(['classic', 'classic', 'coloured', 'modern', 'modern', 'swirl'] as const);
  const accent = hsl(random.pick([0, 215, 130, 275, 25, 50, 190]), random.range(65, 90), random.range(35, 55));
  const second = random.chance(0.5) ? '#141414' : hsl(random.int(0, 360), 80, random.range(40, 60));
  base(ctx, view, random.chance(0.85) ? hsl(50, 20, random.range(92, 97)) : hsl(random.pick([55, 20, 200]), 85, 55));
  if (design === 'classic' || design === 'swirl') {
    for (const p of pentagons) view.fill(ctx, p, design === 'classic' ? '#141414' : accent);
  } else if (design === 'coloured') {
    for (const p of pentagons) view.fill(ctx, p, accent);
    if (random.chance(0.5))
      hexagons.forEach((h, i) => {
        if (i % 3 === 0) view.fill(ctx, h, second);
      });
  } else {
    // Modern prints: a star on each pentagon reaching into the hexagons, like recent match balls.
    for (const p of pentagons) {
      const c = centroid(p);
      const star: Vec3[] = [];
      p.forEach((v, k) => {
        star.push(normalize(mix(c, v, 1.6)));
        star.push(normalize(mix(c, mix(v, p[(k + 1) % 5] as Vec3, 0.5), 0.45)));
      });
      view.fill(ctx, star, accent);
      view.fill(
        ctx,
        p.map((v) => normalize(mix(c, v, 0.45))),
        second,
      );
    }
  }
  if (design === 'swirl') {
    for (let i = random.int(2, 3); i > 0; i--) {
      const axis = normalize([random.range(-1, 1), random.range(-1, 1), random.range(-1, 1)]);
      view.curve(ctx, smallCircle(axis, random.range(0.5, 1.2)), true, r * 0.12, i % 2 ? accent : second);
    }
  }
  for (const h of hexagons) view.curve(ctx, h, true, r * 0.024, 'rgb(75 75 75 / 0.85)');
  logo(ctx, view, random, centroid(random.pick(hexagons)), random.chance(0.5) ? '#111' : accent, 20);
  return { gloss: random.range(0.35, 0.6), tile: 'grain', tileAlpha: 0.14, tileScale: 0.5 };
};

const tennis: Painter = (ctx, view, random) => {
  const hue = random.chance(0.9) ? random.range(58, 74) : random.pick([30, 330, 90]);
  base(ctx, view, hsl(hue, random.range(75, 95), random.range(50, 62)));
  view.curve(ctx, seamCurve(0.3), true, view.r * random.range(0.07, 0.1), hsl(60, 30, 95));
  if (random.chance(0.8)) logo(ctx, view, random, awayFromSeam(), random.chance(0.7) ? '#1a1a1a' : '#b71c1c', 18);
  return { gloss: 0, tile: 'fuzz', tileAlpha: 0.55, tileScale: view.r / 45, soft: true };
};

const basketball: Painter = (ctx, view, random) => {
  const leather = random.chance(0.85)
    ? hsl(random.range(14, 26), random.range(70, 85), random.range(38, 50))
    : hsl(22, 45, 32);
  base(ctx, view, leather);
  const seams = [
    smallCircle([1, 0, 0], Math.PI / 2),
    smallCircle([0, 1, 0], Math.PI / 2),
    smallCircle([1, 0, 0], 0.85),
    smallCircle([-1, 0, 0], 0.85),
  ];
  for (const s of seams) view.curve(ctx, s, true, view.r * random.range(0.03, 0.045), '#17110c');
  if (random.chance(0.75))
    logo(ctx, view, random, normalize([0.5, 0.5, 0.7]), random.chance(0.8) ? '#111' : '#e8d9a0', 20);
  return { gloss: 0.12, tile: 'pebble', tileAlpha: 0.6, tileScale: Math.max(0.4, view.r / 80) };
};

const volleyball: Painter = (ctx, view, random) => {
  const design = random.pick(['white', 'tricolour', 'tricolour', 'twocolour', 'curvy'] as const);
  const white = hsl(48, 30, random.range(90, 96));
  const blue = hsl(random.range(210, 225), 75, 38);
  const yellow = hsl(random.range(46, 54), 95, 55);
  const other = random.pick([hsl(0, 75, 45), hsl(140, 60, 35), blue]);
  const colours = {
    white: [white, white, white],
    tricolour: [yellow, blue, white],
    twocolour: [white, other, white],
    curvy: [blue, yellow, white],
  }[design];
  const wave = design === 'curvy' ? 0.22 : 0;
  for (let axis = 0; axis < 3; axis++) {
    for (const sign of [-1, 1]) {
      const normal: Vec3 = [0, 0, 0];
      normal[axis] = sign;
      const along: Vec3 = [0, 0, 0];
      along[(axis + 1) % 3] = 1;
      const across = cross(normal, along);
      const at = (u: number, v: number): Vec3 => normalize(add(add(normal, along, u), across, v));
      const point = (u: number, v: number) => at(u, v + (Math.abs(v) < 0.99 ? wave * Math.sin(u * Math.PI) : 0));
      for (let k = 0; k < 3; k++) {
        const [v0, v1] = [-1 + (2 * k) / 3, -1 + (2 * (k + 1)) / 3];
        const outline: Vec3[] = [];
        for (let i = 0; i <= 6; i++) outline.push(point(-1 + i / 3, v0));
        for (let i = 6; i >= 0; i--) outline.push(point(-1 + i / 3, v1));
        view.fill(ctx, outline, colours[(k + axis + (sign > 0 ? 0 : 1)) % 3] as string);
        view.curve(ctx, outline, true, view.r * 0.018, 'rgb(40 40 40 / 0.45)');
      }
    }
  }
  if (random.chance(0.7)) logo(ctx, view, random, [0.2, 0.1, 1], random.chance(0.5) ? blue : '#222', 18);
  return { gloss: random.range(0.25, 0.45), tile: 'grain', tileAlpha: 0.1, tileScale: 0.5 };
};

const baseball: Painter = (ctx, view, random) => {
  const r = view.r;
  base(ctx, view, hsl(45, random.range(15, 35), random.range(86, 93)));
  const seam = seamCurve(0.3, 120);
  view.curve(ctx, seam, true, r * 0.02, 'rgb(200 150 140 / 0.8)');
  const stitches: [Vec3, Vec3][] = [];
  seam.forEach((p, i) => {
    const q = seam[(i + 1) % seam.length] as Vec3;
    const d = normalize(add(q, p, -1));
    const side = normalize(cross(p, d));
    // Chevrons: each stitch leans back from the seam on both sides, like the red lacing of a baseball.
    for (const s of [-1, 1])
      stitches.push([add(add(p, side, 0.06 * s), d, -0.025), add(add(p, side, 0.012 * s), d, 0.02)]);
  });
  view.marks(ctx, stitches, r * 0.03, hsl(random.range(350, 365) % 360, 75, 45));
  if (random.chance(0.6)) logo(ctx, view, random, awayFromSeam(), '#1c2a5a', 14);
  return { gloss: 0.08, tile: 'blotch', tileAlpha: 0.25, tileScale: r / 60 };
};

const pingpong: Painter = (ctx, view, random) => {
  const orange = random.chance(0.35);
  base(ctx, view, orange ? hsl(random.range(24, 32), 100, 55) : hsl(50, 15, 97));
  view.curve(ctx, smallCircle([0, 1, 0], Math.PI / 2), true, view.r * 0.02, 'rgb(0 0 0 / 0.12)');
  if (random.chance(0.6)) {
    const colour = orange ? '#222' : random.pick(['#c62828', '#1a1a1a', '#1565c0']);
    view.sticker(ctx, normalize([0.3, -0.2, 1]), up, () => {
      ctx.fillStyle = colour;
      ctx.textAlign = 'center';
      ctx.font = 'bold 20px sans-serif';
      ctx.fillText('★★★', 0, 0);
      ctx.font = '14px sans-serif';
      ctx.fillText(random.pick(BRANDS), 0, 16);
    });
  }
  return { gloss: 0.3, tile: 'grain', tileAlpha: 0.06, tileScale: 0.5 };
};

const star = (ctx: Context, size: number) => {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = (i * Math.PI) / 5 - Math.PI / 2;
    const s = i % 2 ? size * 0.45 : size;
    ctx.lineTo(Math.cos(a) * s, Math.sin(a) * s);
  }
  ctx.fill();
};

const rubber: Painter = (ctx, view, random) => {
  const design = random.pick(['solid', 'solid', 'stripes', 'dots', 'beach', 'print', 'playground'] as const);
  const palette = [0, 8, 25, 48, 120, 200, 220, 280, 320].map((h) =>
    hsl(h, random.range(70, 95), random.range(42, 58)),
  );
  const a = random.pick(palette);
  let b = random.pick(palette);
  if (b === a) b = hsl(0, 0, 96);
  base(ctx, view, design === 'playground' ? hsl(random.pick([2, 215, 130, 280]), 70, random.range(38, 48)) : a);
  switch (design) {
    case 'stripes':
      for (const pole of [up, [0, 0, -1] as Vec3])
        [1.25, 0.85, 0.45].forEach((angle, i) => {
          view.fill(ctx, smallCircle(pole, angle), i % 2 ? a : b);
        });
      break;
    case 'dots':
      for (const p of fibonacci(random.int(12, 40)))
        view.sticker(
          ctx,
          p,
          up,
          () => {
            ctx.fillStyle = b;
            ctx.beginPath();
            ctx.arc(0, 0, 13, 0, Math.PI * 2);
            ctx.fill();
          },
          0,
        );
      break;
    case 'beach': {
      const colours = [
        hsl(0, 85, 50),
        hsl(0, 0, 97),
        hsl(215, 85, 45),
        hsl(50, 95, 55),
        hsl(0, 0, 97),
        hsl(130, 70, 40),
      ];
      for (let i = 0; i < 6; i++) {
        const [t0, t1] = [(i * Math.PI) / 3, ((i + 1) * Math.PI) / 3];
        const gore: Vec3[] = [up];
        for (let k = 1; k < 8; k++)
          gore.push([
            Math.sin((k * Math.PI) / 8) * Math.cos(t0),
            Math.sin((k * Math.PI) / 8) * Math.sin(t0),
            Math.cos((k * Math.PI) / 8),
          ]);
        gore.push([0, 0, -1]);
        for (let k = 7; k >= 1; k--)
          gore.push([
            Math.sin((k * Math.PI) / 8) * Math.cos(t1),
            Math.sin((k * Math.PI) / 8) * Math.sin(t1),
            Math.cos((k * Math.PI) / 8),
          ]);
        view.fill(ctx, gore, colours[i] as string);
      }
      view.fill(ctx, smallCircle(up, 0.22), hsl(0, 0, 97));
      view.fill(ctx, smallCircle([0, 0, -1], 0.22), hsl(0, 0, 97));
      break;
    }
    case 'print':
      for (const p of fibonacci(random.int(6, 14)))
        view.sticker(
          ctx,
          p,
          up,
          () => {
            ctx.fillStyle = random.chance(0.5) ? b : hsl(0, 0, 97);
            star(ctx, random.range(10, 18));
          },
          0,
        );
      break;
    case 'playground':
      view.curve(ctx, smallCircle([1, 0, 0], Math.PI / 2), true, view.r * 0.03, 'rgb(0 0 0 / 0.3)');
      logo(ctx, view, random, normalize([0.3, 0.2, 1]), 'rgb(255 255 255 / 0.8)', 16);
      return { gloss: 0.3, tile: 'pebble', tileAlpha: 0.45, tileScale: Math.max(0.4, view.r / 70) };
    case 'solid':
      if (random.chance(0.4)) logo(ctx, view, random, normalize([random.range(-0.5, 0.5), 0, 1]), b, 22);
      break;
  }
  return { gloss: random.range(0.6, 0.9), tile: 'grain', tileAlpha: 0.05, tileScale: 0.5 };
};

export const PAINTERS: Record<BallKind, Painter> = {
  soccer,
  tennis,
  basketball,
  volleyball,
  baseball,
  pingpong,
  rubber,
};

/** Real diameters in metres: how big each ball is next to hands, feet and furniture. */
export const DIAMETER: Record<BallKind, number> = {
  soccer: 0.22,
  tennis: 0.067,
  basketball: 0.24,
  volleyball: 0.21,
  baseball: 0.074,
  pingpong: 0.04,
  rubber: 0.16,
};
