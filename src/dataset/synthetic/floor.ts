// Floors and skies in perspective: planks, tiles, carpet, grass, asphalt and court lines that shrink
// towards the horizon, so the scale of the ground matches the size of the balls lying on it.
import type { Random } from '../../shared/random.ts';
import { type Context, hsl, type Stage } from './common.ts';
import { texture } from './textures.ts';

/** The floor plane seen by a pinhole camera: world (X across, Z forward) in metres → picture. */
export class FloorView {
  readonly focal: number;
  readonly vx: number;

  constructor(readonly stage: Stage) {
    this.focal = stage.focal;
    this.vx = stage.vanishX;
  }

  y(z: number) {
    return this.stage.horizon + (this.focal * this.stage.cameraHeight) / z;
  }
  z(y: number) {
    return (this.focal * this.stage.cameraHeight) / Math.max(0.5, y - this.stage.horizon);
  }
  point(x: number, z: number): [number, number] {
    return [this.vx + (this.focal * x) / z, this.y(z)];
  }
  /** Depth range visible on the floor: from its far edge to the bottom of the picture. */
  get far() {
    return Math.min(80, this.z(Math.max(this.stage.floorTop, this.stage.horizon + 1)));
  }
  get near() {
    return this.z(this.stage.height);
  }
  /** Half the floor's visible width at depth z, in metres. */
  halfWidth(z: number) {
    return (Math.max(this.vx, this.stage.width - this.vx) * z) / this.focal;
  }

  quad(ctx: Context, x0: number, z0: number, x1: number, z1: number) {
    ctx.beginPath();
    ctx.moveTo(...this.point(x0, z0));
    ctx.lineTo(...this.point(x1, z0));
    ctx.lineTo(...this.point(x1, z1));
    ctx.lineTo(...this.point(x0, z1));
    ctx.closePath();
  }

  /** A painted line on the floor from (x0, z0) to (x1, z1), `width` metres wide. */
  line(ctx: Context, x0: number, z0: number, x1: number, z1: number, width: number) {
    const [dx, dz] = [x1 - x0, z1 - z0];
    const n = Math.hypot(dx, dz) || 1;
    const [ox, oz] = [(-dz / n) * (width / 2), (dx / n) * (width / 2)];
    const steps = Math.ceil(n / 2) + 1;
    const left: [number, number][] = [];
    const right: [number, number][] = [];
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const [x, z] = [x0 + dx * t, Math.max(this.near * 0.7, z0 + dz * t)];
      left.push(this.point(x + ox, Math.max(0.2, z + oz)));
      right.push(this.point(x - ox, Math.max(0.2, z - oz)));
    }
    ctx.beginPath();
    for (const p of left) ctx.lineTo(...p);
    for (const p of right.reverse()) ctx.lineTo(...p);
    ctx.fill();
  }

  ellipse(ctx: Context, cx: number, cz: number, radius: number, width: number) {
    ctx.beginPath();
    for (const rad of [radius + width / 2, radius - width / 2]) {
      for (let i = 0; i <= 48; i++) {
        const t = ((rad === radius + width / 2 ? i : 48 - i) / 48) * Math.PI * 2;
        const z = Math.max(0.3, cz + Math.sin(t) * rad);
        const p = this.point(cx + Math.cos(t) * rad, z);
        if (i === 0) ctx.moveTo(...p);
        else ctx.lineTo(...p);
      }
      ctx.closePath();
    }
    ctx.fill('evenodd');
  }
}

export type FloorKind = 'wood' | 'tiles' | 'carpet' | 'lino' | 'grass' | 'asphalt' | 'concrete' | 'gym' | 'dirt';

/** Fills the floor from stage.floorTop down, with the texture and joints of its kind. */
export function drawFloor(ctx: Context, view: FloorView, random: Random, kind: FloorKind) {
  const { width, height, floorTop } = view.stage;
  const top = Math.max(0, floorTop);
  const hue = {
    wood: random.range(22, 38),
    gym: random.range(32, 40),
    tiles: random.pick([30, 40, 200, 0]),
    carpet: random.pick([0, 20, 30, 210, 120, 260]),
    lino: random.pick([40, 90, 200, 20]),
    grass: random.range(85, 115),
    asphalt: 220,
    concrete: 40,
    dirt: 30,
  }[kind];
  const [sat, light] = {
    wood: [random.range(35, 55), random.range(30, 50)],
    gym: [random.range(45, 60), random.range(55, 68)],
    tiles: [random.range(5, 25), random.range(60, 85)],
    carpet: [random.range(10, 40), random.range(25, 60)],
    lino: [random.range(5, 30), random.range(55, 78)],
    grass: [random.range(35, 60), random.range(25, 40)],
    asphalt: [random.range(3, 8), random.range(22, 35)],
    concrete: [random.range(3, 10), random.range(55, 72)],
    dirt: [random.range(25, 40), random.range(40, 55)],
  }[kind] as [number, number];
  const g = ctx.createLinearGradient(0, top, 0, height);
  g.addColorStop(0, hsl(hue, sat * 0.8, Math.min(90, light * 1.12)));
  g.addColorStop(1, hsl(hue, sat, light * 0.92));
  ctx.fillStyle = g;
  ctx.fillRect(0, top, width, height - top);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, width, height - top);
  ctx.clip();
  const near = view.near * 0.9;
  const far = Math.min(view.far, kind === 'grass' ? 80 : kind === 'wood' || kind === 'gym' ? 25 : 15);
  const half = view.halfWidth(far) * 1.1;
  if (kind === 'wood' || kind === 'gym') {
    const plank = kind === 'gym' ? random.range(0.06, 0.1) : random.range(0.1, 0.22);
    for (let x = -half; x < half; x += plank) {
      ctx.fillStyle = hsl(hue + random.range(-4, 4), sat, light * random.range(0.85, 1.12), 0.5);
      view.quad(ctx, x, near, x + plank, far);
      ctx.fill();
      ctx.strokeStyle = 'rgb(30 15 5 / 0.35)';
      ctx.lineWidth = 1;
      ctx.stroke();
      for (let z = near + random.range(0, 2); z < Math.min(far, 30); z += random.range(1, 2.5)) {
        ctx.beginPath();
        ctx.moveTo(...view.point(x, z));
        ctx.lineTo(...view.point(x + plank, z));
        ctx.stroke();
      }
    }
    texture(ctx, 'wood', 0.35, Math.max(0.3, width / 900), [0, top, width, height - top], 'overlay', Math.PI / 2);
  } else if (kind === 'tiles' || kind === 'lino') {
    const size = kind === 'tiles' ? random.range(0.3, 0.6) : random.range(0.3, 0.5);
    const checker = random.chance(kind === 'lino' ? 0.5 : 0.2);
    const first = Math.floor(near / size) * size;
    if (checker) {
      ctx.fillStyle = 'rgb(0 0 0 / 0.12)';
      for (let x = -half - (half % size); x < half; x += size)
        for (let z = first; z < Math.min(far, 8); z += size)
          if ((Math.round(x / size) + Math.round(z / size)) % 2) {
            view.quad(ctx, x, z, x + size, z + size);
            ctx.fill();
          }
    }
    ctx.strokeStyle = kind === 'tiles' ? 'rgb(60 60 60 / 0.35)' : 'rgb(0 0 0 / 0.12)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let x = -half - (half % size); x < half; x += size) {
      ctx.moveTo(...view.point(x, near));
      ctx.lineTo(...view.point(x, far));
    }
    for (let z = first; z < far; z += size) {
      const y = view.y(z);
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
    }
    ctx.stroke();
    texture(ctx, 'blotch', 0.2, 2, [0, top, width, height - top]);
  } else if (kind === 'grass') {
    // Mowing stripes, then blades: coarse near the camera and fine far away.
    const stripe = random.range(3, 7);
    for (let x = -half * 2; x < half * 2; x += stripe * 2) {
      ctx.fillStyle = 'rgb(255 255 255 / 0.06)';
      view.quad(ctx, x, near, x + stripe, far);
      ctx.fill();
    }
    texture(ctx, 'blotch', 0.35, 3, [0, top, width, height - top]);
    const mid = (top + height) / 2;
    texture(ctx, 'grass', 0.55, 0.6, [0, top, width, mid - top], 'overlay');
    texture(ctx, 'grass', 0.6, Math.max(1, height / 400), [0, mid, width, height - mid], 'overlay');
  } else {
    texture(ctx, kind === 'carpet' ? 'fabric' : 'grain', kind === 'carpet' ? 0.35 : 0.3, 1, [
      0,
      top,
      width,
      height - top,
    ]);
    texture(ctx, 'blotch', kind === 'dirt' ? 0.3 : 0.25, kind === 'dirt' ? 1.5 : 3, [0, top, width, height - top]);
    if (kind === 'dirt' || kind === 'asphalt' || kind === 'concrete')
      texture(ctx, 'pebble', 0.25, 0.6, [0, top, width, height - top]);
  }
  // Light falls off towards the back: a touch of haze.
  const haze = ctx.createLinearGradient(0, top, 0, Math.min(height, top + height * 0.3));
  haze.addColorStop(0, 'rgb(255 255 255 / 0.12)');
  haze.addColorStop(1, 'rgb(255 255 255 / 0)');
  ctx.fillStyle = haze;
  ctx.fillRect(0, top, width, height - top);
  ctx.restore();
}

export function drawSky(ctx: Context, random: Random, stage: Stage, bottom: number) {
  if (bottom <= 0) return;
  const { width, lighting } = stage;
  const g = ctx.createLinearGradient(0, 0, 0, bottom);
  if (lighting === 'low') {
    g.addColorStop(0, hsl(random.range(220, 250), 35, random.range(20, 35)));
    g.addColorStop(1, hsl(random.range(15, 35), 60, random.range(55, 70)));
  } else if (lighting === 'shade') {
    g.addColorStop(0, hsl(210, 10, random.range(70, 82)));
    g.addColorStop(1, hsl(210, 8, random.range(82, 92)));
  } else {
    g.addColorStop(0, hsl(random.range(200, 218), random.range(50, 75), random.range(45, 62)));
    g.addColorStop(1, hsl(random.range(195, 210), random.range(30, 55), random.range(75, 88)));
  }
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, bottom);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, bottom);
  ctx.clip();
  for (let i = random.int(0, 6); i > 0; i--) {
    const x = random.range(0, width);
    const y = random.range(0, bottom * 0.8);
    const w = random.range(40, 200);
    ctx.fillStyle = `rgb(255 255 255 / ${random.range(0.25, 0.6)})`;
    for (let k = 0; k < 5; k++) {
      ctx.beginPath();
      ctx.ellipse(
        x + random.range(-w / 2, w / 2),
        y + random.range(-w / 10, w / 10),
        w * random.range(0.2, 0.4),
        w * random.range(0.08, 0.16),
        0,
        0,
        Math.PI * 2,
      );
      ctx.fill();
    }
  }
  ctx.restore();
}

/** A flat wall with uneven paint and light. */
export function drawWall(ctx: Context, random: Random, x: number, y: number, w: number, h: number, colour: string) {
  ctx.fillStyle = colour;
  ctx.fillRect(x, y, w, h);
  texture(ctx, 'blotch', 0.18, 4, [x, y, w, h]);
  texture(ctx, 'grain', 0.08, 1, [x, y, w, h]);
  const g = ctx.createLinearGradient(x, y, x + w, y + h * 0.3);
  const dark = random.range(0, 0.25);
  g.addColorStop(0, `rgb(0 0 0 / ${random.chance(0.5) ? dark : 0})`);
  g.addColorStop(1, `rgb(0 0 0 / ${random.chance(0.5) ? dark : 0})`);
  ctx.fillStyle = g;
  ctx.fillRect(x, y, w, h);
}
