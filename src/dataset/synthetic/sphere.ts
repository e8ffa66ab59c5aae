// Drawing on a ball's surface: shapes are defined on the unit sphere, turned by a random rotation and
// projected orthographically onto the disc, so panels and seams curve and foreshorten like a real ball.
import type { Random } from '../../shared/random.ts';
import type { Context, Vec3 } from './common.ts';

export const normalize = (v: Vec3): Vec3 => {
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
};
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const mix = (a: Vec3, b: Vec3, t: number): Vec3 => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/** a + k·b */
export const add = (a: Vec3, b: Vec3, k = 1): Vec3 => [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];
export const centroid = (points: Vec3[]): Vec3 => normalize(points.reduce((sum, p) => add(sum, p), [0, 0, 0] as Vec3));

/** Uniformly random rotation (Shoemake's quaternion), as a row-major 3×3 matrix. */
export function randomRotation(random: Random): number[] {
  const u1 = random.next();
  const u2 = random.next() * Math.PI * 2;
  const u3 = random.next() * Math.PI * 2;
  const a = Math.sqrt(1 - u1);
  const b = Math.sqrt(u1);
  const [w, x, y, z] = [a * Math.sin(u2), a * Math.cos(u2), b * Math.sin(u3), b * Math.cos(u3)];
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y),
  ];
}

export class SphereView {
  constructor(
    readonly m: number[],
    readonly r: number,
  ) {}

  rot(v: Vec3): Vec3 {
    const m = this.m;
    return [
      m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
      m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
      m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
    ] as Vec3;
  }

  /** Points along great-circle arcs between consecutive points, dense enough to look smooth. */
  private densify(points: Vec3[], closed: boolean): Vec3[] {
    const out: Vec3[] = [];
    const n = closed ? points.length : points.length - 1;
    for (let i = 0; i < n; i++) {
      const a = points[i] as Vec3;
      const b = points[(i + 1) % points.length] as Vec3;
      const steps = Math.max(1, Math.ceil(Math.acos(Math.max(-1, Math.min(1, dot(a, b)))) / 0.15));
      for (let s = 0; s < steps; s++) out.push(this.rot(normalize(mix(a, b, s / steps))));
    }
    if (!closed) out.push(this.rot(normalize(points[points.length - 1] as Vec3)));
    return out;
  }

  /**
   * Traces a spherical polygon as a path. Hidden points fold onto the rim, which for a convex panel
   * outlines exactly its visible part. Returns false when the whole panel faces away.
   */
  polygon(ctx: Context, points: Vec3[]): boolean {
    const dense = this.densify(points, true);
    if (dense.every((p) => p[2] < 0)) return false;
    ctx.beginPath();
    for (const [x, y, z] of dense) {
      if (z >= 0) ctx.lineTo(x * this.r, y * this.r);
      else {
        const n = Math.hypot(x, y) || 1;
        ctx.lineTo((x / n) * this.r, (y / n) * this.r);
      }
    }
    ctx.closePath();
    return true;
  }

  fill(ctx: Context, points: Vec3[], colour: string) {
    if (!this.polygon(ctx, points)) return;
    ctx.fillStyle = colour;
    ctx.fill();
  }

  /** Strokes a curve on the sphere, leaving out its hidden half and thinning it towards the rim. */
  curve(ctx: Context, points: Vec3[], closed: boolean, width: number, colour: string, dash?: number[]) {
    const dense = this.densify(points, closed);
    const pairs: [Vec3, Vec3][] = [];
    const n = closed ? dense.length : dense.length - 1;
    for (let i = 0; i < n; i++) pairs.push([dense[i] as Vec3, dense[(i + 1) % dense.length] as Vec3]);
    this.strokePairs(ctx, pairs, width, colour, dash);
  }

  /** Short straight marks on the surface (stitches, lines): each pair of model points is one mark. */
  marks(ctx: Context, pairs: [Vec3, Vec3][], width: number, colour: string) {
    this.strokePairs(
      ctx,
      pairs.map(([a, b]) => [this.rot(normalize(a)), this.rot(normalize(b))]),
      width,
      colour,
    );
  }

  private strokePairs(ctx: Context, pairs: [Vec3, Vec3][], width: number, colour: string, dash?: number[]) {
    const bands = [new Path2D(), new Path2D(), new Path2D()];
    const used = [false, false, false];
    for (const [a, b] of pairs) {
      const z = (a[2] + b[2]) / 2;
      if (z < -0.02) continue;
      const band = z < 0.3 ? 0 : z < 0.6 ? 1 : 2;
      (bands[band] as Path2D).moveTo(a[0] * this.r, a[1] * this.r);
      (bands[band] as Path2D).lineTo(b[0] * this.r, b[1] * this.r);
      used[band] = true;
    }
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.lineCap = dash ? 'butt' : 'round';
    if (dash) ctx.setLineDash(dash);
    bands.forEach((path, i) => {
      if (!used[i]) return;
      ctx.lineWidth = Math.max(0.6, width * ([0.5, 0.78, 1][i] as number));
      ctx.stroke(path);
    });
    ctx.restore();
  }

  /**
   * Runs `draw` in a flat frame tangent to the sphere at `at` (x along `up` × at, y down the ball),
   * 100 units to the ball's radius: a sticker, logo or dot that foreshortens with the surface.
   */
  sticker(ctx: Context, at: Vec3, up: Vec3, draw: () => void, minZ = 0.12) {
    const p = normalize(at);
    const t1 = normalize(cross(p, up));
    const t2 = cross(p, t1);
    const [P, T1, T2] = [this.rot(p), this.rot(t1), this.rot(t2)];
    if (P[2] < minZ) return;
    const k = this.r / 100;
    ctx.save();
    ctx.transform(T1[0] * k, T1[1] * k, T2[0] * k, T2[1] * k, P[0] * this.r, P[1] * this.r);
    draw();
    ctx.restore();
  }
}

/**
 * The seam of a tennis ball or baseball: two interlocking U shapes, a closed curve on the unit sphere
 * (a + b = 1 keeps it on the sphere).
 */
export function seamCurve(b: number, steps = 96): Vec3[] {
  const a = 1 - b;
  const c = 2 * Math.sqrt(a * b);
  return Array.from({ length: steps }, (_, i) => {
    const t = (i / steps) * Math.PI * 2;
    return [a * Math.cos(t) + b * Math.cos(3 * t), a * Math.sin(t) - b * Math.sin(3 * t), c * Math.sin(2 * t)] as Vec3;
  });
}

/** A circle on the sphere around `axis` at angular radius `angle`. */
export function smallCircle(axis: Vec3, angle: number, steps = 48): Vec3[] {
  const n = normalize(axis);
  const u = normalize(cross(n, Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]));
  const v = cross(n, u);
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  return Array.from({ length: steps }, (_, i) => {
    const t = (i / steps) * Math.PI * 2;
    return [
      n[0] * c + s * (u[0] * Math.cos(t) + v[0] * Math.sin(t)),
      n[1] * c + s * (u[1] * Math.cos(t) + v[1] * Math.sin(t)),
      n[2] * c + s * (u[2] * Math.cos(t) + v[2] * Math.sin(t)),
    ] as Vec3;
  });
}

interface Polyhedron {
  pentagons: Vec3[][];
  hexagons: Vec3[][];
}
let truncated: Polyhedron | undefined;

/** The classic football: a truncated icosahedron (12 pentagons, 20 hexagons) on the unit sphere. */
export function truncatedIcosahedron(): Polyhedron {
  if (truncated) return truncated;
  const phi = (1 + Math.sqrt(5)) / 2;
  const ico: Vec3[] = [];
  for (const a of [-1, 1]) for (const b of [-phi, phi]) ico.push([0, a, b], [a, b, 0], [b, 0, a]);
  const at = (i: number) => ico[i] as Vec3;
  const near = (i: number, j: number) => {
    const [a, b] = [at(i), at(j)];
    return Math.abs(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) - 2) < 1e-6;
  };
  const third = (i: number, j: number, t: number) => normalize(mix(at(i), at(j), t));
  const pentagons = ico.map((a, i) => {
    const up = normalize(a);
    const u = normalize(cross(up, Math.abs(up[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]));
    const v = cross(up, u);
    const ring = ico.map((_, j) => j).filter((j) => j !== i && near(i, j));
    const points = ring.map((j) => third(i, j, 1 / 3));
    return points.sort((p, q) => Math.atan2(dot(p, v), dot(p, u)) - Math.atan2(dot(q, v), dot(q, u)));
  });
  const hexagons: Vec3[][] = [];
  for (let i = 0; i < 12; i++)
    for (let j = i + 1; j < 12; j++)
      for (let k = j + 1; k < 12; k++)
        if (near(i, j) && near(j, k) && near(i, k))
          hexagons.push([
            third(i, j, 1 / 3),
            third(i, j, 2 / 3),
            third(j, k, 1 / 3),
            third(j, k, 2 / 3),
            third(k, i, 1 / 3),
            third(k, i, 2 / 3),
          ]);
  truncated = { pentagons, hexagons };
  return truncated;
}
