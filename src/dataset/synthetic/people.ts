// People around the balls: hands gripping a ball (palm behind, fingers and thumb over its front),
// arms reaching in from the frame or from a body, torsos and heads behind a ball held to the camera,
// legs and shoes next to a ball on the floor, and whole figures in the background.
import type { Random } from '../../shared/random.ts';
import { type Context, hsl, type Shape, softShadow } from './common.ts';
import { head, type Light, SKIN } from './lookalikes.ts';
import { texture } from './textures.ts';

export interface Look {
  skin: string;
  shirt: string;
  trousers: string;
  /** Sleeves down to the wrist, or bare forearms. */
  longSleeves: boolean;
  child: boolean;
}

export function pickLook(random: Random): Look {
  return {
    skin: random.pick(SKIN),
    shirt: hsl(random.range(0, 360), random.range(10, 75), random.range(15, 75)),
    trousers: random.chance(0.5)
      ? hsl(220, random.range(20, 50), random.range(18, 40))
      : hsl(random.range(0, 360), random.range(0, 40), random.range(10, 60)),
    longSleeves: random.chance(0.45),
    child: random.chance(0.5),
  };
}

/** A limb segment: a thick round-capped stroke with a darker outline and a lit edge. */
function limb(ctx: Context, points: [number, number][], width: number, colour: string) {
  const path = new Path2D();
  for (const [i, [x, y]] of points.entries()) {
    if (i) path.lineTo(x, y);
    else path.moveTo(x, y);
  }
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgb(0 0 0 / 0.35)';
  ctx.lineWidth = width + Math.max(1, width * 0.12);
  ctx.stroke(path);
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke(path);
  ctx.strokeStyle = 'rgb(255 255 255 / 0.13)';
  ctx.lineWidth = width * 0.35;
  ctx.translate(-width * 0.15, -width * 0.15);
  ctx.stroke(path);
  ctx.restore();
}

const capsule = (a: [number, number], b: [number, number], r: number): Shape => ({
  kind: 'capsule',
  x1: a[0],
  y1: a[1],
  x2: b[0],
  y2: b[1],
  r,
});

export interface Grip {
  /** Drawn before the ball: the arm and the palm behind it. */
  behind(ctx: Context): void;
  /** Drawn after the ball: fingers and thumb over its front. */
  front(ctx: Context): void;
  /** What the front part covers. */
  covers: Shape[];
  /** Where the arm leaves the hand, towards the shoulder or the frame edge. */
  wrist: [number, number];
}

type Point = [number, number];

/** Fingertip nail: a paler oval just short of the tip. */
function nail(ctx: Context, tip: Point, from: Point, width: number) {
  const a = Math.atan2(tip[1] - from[1], tip[0] - from[0]);
  ctx.fillStyle = 'rgb(255 232 222 / 0.45)';
  ctx.beginPath();
  ctx.ellipse(
    tip[0] - Math.cos(a) * width * 0.25,
    tip[1] - Math.sin(a) * width * 0.25,
    width * 0.3,
    width * 0.24,
    a,
    0,
    Math.PI * 2,
  );
  ctx.fill();
}

function palmShape(ctx: Context, knuckles: [Point, Point], wrist: [Point, Point], colour: string) {
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  ctx.lineWidth = Math.hypot(knuckles[0][0] - knuckles[1][0], knuckles[0][1] - knuckles[1][1]) * 0.25;
  ctx.beginPath();
  for (const p of [knuckles[0], knuckles[1], wrist[1], wrist[0]]) ctx.lineTo(...p);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

/**
 * A hand holding the ball at (cx, cy), radius r, from direction `angle` (radians, 0 = from the right).
 * `cm` is pixels per centimetre at the ball, so a hand is hand-sized next to a ping-pong ball or a
 * basketball alike. A ball bigger than the hand is gripped with the back of the hand in view, fingers
 * spread over its front; a smaller one sits in the fingertips in front of the palm.
 */
export function grip(random: Random, look: Look, cx: number, cy: number, r: number, angle: number, cm: number): Grip {
  const scale = (look.child ? 0.75 : 1) * random.range(0.92, 1.08);
  const fw = 1.8 * cm * scale;
  const palmWidth = 8.2 * cm * scale;
  const palmLength = 9.5 * cm * scale;
  const lengths = [7, 7.8, 7.3, 5.8].map((l) => l * cm * scale);
  const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
  const [vx, vy] = [-uy, ux];
  const at = (o: Point, du: number, dv: number): Point => [o[0] + ux * du + vx * dv, o[1] + uy * du + vy * dv];
  const c: Point = [cx, cy];
  const thumbSide = random.pick([-1, 1]);
  const skin = look.skin;
  if (2 * r > palmWidth * 1.2) {
    // Back of the hand on the rim, fingers reaching over the curved front of the ball.
    const knuckle = at(c, r * random.range(0.8, 0.95), 0);
    const wristCentre = at(knuckle, palmLength * 0.85, 0);
    const knuckles: [Point, Point] = [at(knuckle, 0, -palmWidth / 2), at(knuckle, 0, palmWidth / 2)];
    const wrists: [Point, Point] = [at(wristCentre, 0, -palmWidth * 0.38), at(wristCentre, 0, palmWidth * 0.38)];
    const fingers = lengths.map((len, i) => {
      const base = at(knuckle, 0, (i - 1.5) * fw * 1.08);
      // Wrapped round the sphere, a finger looks shorter than it is.
      const shown = r * Math.sin(Math.min(Math.PI / 2, (len * random.range(0.8, 1)) / r));
      const fan = (i - 1.5) * random.range(0.04, 0.12);
      const dir = angle + Math.PI + fan;
      const mid: Point = [base[0] + Math.cos(dir) * shown * 0.55, base[1] + Math.sin(dir) * shown * 0.55];
      const tip: Point = [base[0] + Math.cos(dir + fan) * shown, base[1] + Math.sin(dir + fan) * shown];
      return [base, mid, tip] as [Point, Point, Point];
    });
    const thumbBase = at(knuckle, palmLength * 0.45, (thumbSide * palmWidth) / 2);
    const thumbTip = at(thumbBase, -palmLength * 0.35, thumbSide * (lengths[1] as number) * 0.45);
    return {
      wrist: wristCentre,
      behind() {},
      front(ctx) {
        ctx.save();
        ctx.shadowColor = 'rgb(0 0 0 / 0.35)';
        ctx.shadowBlur = fw * 0.8;
        ctx.shadowOffsetY = fw * 0.2;
        palmShape(ctx, knuckles, wrists, skin);
        ctx.restore();
        limb(ctx, [thumbBase, thumbTip], fw * 1.1, skin);
        palmShape(ctx, knuckles, wrists, skin);
        for (const f of fingers) limb(ctx, f, fw, skin);
        for (const f of fingers) nail(ctx, f[2], f[1], fw);
        ctx.strokeStyle = 'rgb(0 0 0 / 0.12)';
        ctx.lineWidth = Math.max(0.6, fw * 0.08);
        for (const f of fingers) {
          ctx.beginPath();
          ctx.arc(f[1][0], f[1][1], fw * 0.3, angle - 1, angle + 1);
          ctx.stroke();
        }
      },
      covers: [
        ...fingers.flatMap((f) => [capsule(f[0], f[1], fw / 2), capsule(f[1], f[2], fw / 2)]),
        capsule(at(knuckle, 0, -palmWidth * 0.35), at(knuckle, 0, palmWidth * 0.35), palmWidth * 0.2),
        capsule(at(knuckle, palmLength * 0.3, 0), wristCentre, palmWidth * 0.42),
        capsule(thumbBase, thumbTip, fw * 0.55),
      ],
    };
  }
  // Palm towards the camera behind the ball; fingertips curl over its far side, the thumb over its front.
  const palmCentre = at(c, palmLength * random.range(0.35, 0.55), 0);
  const knuckle = at(palmCentre, -palmLength * 0.5, 0);
  const wristCentre = at(palmCentre, palmLength * 0.5, 0);
  const knuckles: [Point, Point] = [at(knuckle, 0, -palmWidth / 2), at(knuckle, 0, palmWidth / 2)];
  const wrists: [Point, Point] = [at(wristCentre, 0, -palmWidth * 0.4), at(wristCentre, 0, palmWidth * 0.4)];
  const curl = random.range(0.4, 0.7);
  const fingers = lengths.map((len, i) => {
    const base = at(knuckle, 0, (i - 1.5) * fw * 1.08);
    return [base, at(base, -len * 0.5 * curl, 0), at(base, -len * curl, (i - 1.5) * fw * 0.1)] as [Point, Point, Point];
  });
  const front = fingers.slice(0, random.int(1, 3)).map((f) => {
    const tipDistance = Math.hypot(f[2][0] - cx, f[2][1] - cy);
    const over: Point = at(c, -Math.min(r * 0.55, tipDistance * 0.6), 0);
    return [
      f[2],
      [(f[2][0] + over[0]) / 2, (f[2][1] + over[1]) / 2] as Point,
      [over[0] + (f[2][0] - f[1][0]) * 0.1, over[1]] as Point,
    ];
  });
  const thumbBase = at(palmCentre, palmLength * 0.1, (thumbSide * palmWidth) / 2);
  const thumbTip = at(c, r * 0.1, thumbSide * r * 0.35);
  return {
    wrist: wristCentre,
    behind(ctx) {
      palmShape(ctx, knuckles, wrists, skin);
      ctx.fillStyle = 'rgb(120 40 30 / 0.12)';
      ctx.beginPath();
      ctx.ellipse(palmCentre[0], palmCentre[1], palmWidth * 0.35, palmLength * 0.35, angle, 0, Math.PI * 2);
      ctx.fill();
      for (const f of fingers) limb(ctx, f, fw, skin);
    },
    front(ctx) {
      for (const f of front) limb(ctx, f, fw * 0.95, skin);
      for (const f of front) nail(ctx, f[2], f[1], fw);
      limb(ctx, [thumbBase, thumbTip], fw * 1.1, skin);
      nail(ctx, thumbTip, thumbBase, fw);
    },
    covers: [...front.map((f) => capsule(f[0], f[2], fw / 2)), capsule(thumbBase, thumbTip, fw * 0.55)],
  };
}

/** An arm from the wrist to the shoulder or out of the frame, sleeve over the upper part. */
export function arm(ctx: Context, look: Look, wrist: [number, number], shoulder: [number, number], width: number) {
  const elbow: [number, number] = [(wrist[0] + shoulder[0]) / 2 + width * 0.8, (wrist[1] + shoulder[1]) / 2 + width];
  limb(ctx, [wrist, elbow, shoulder], width, look.longSleeves ? look.shirt : look.skin);
  if (!look.longSleeves)
    limb(ctx, [[(elbow[0] + shoulder[0]) / 2, (elbow[1] + shoulder[1]) / 2], shoulder], width * 1.25, look.shirt);
  else
    limb(
      ctx,
      [wrist, [wrist[0] + (elbow[0] - wrist[0]) * 0.08, wrist[1] + (elbow[1] - wrist[1]) * 0.08]],
      width * 0.95,
      look.skin,
    );
}

/** Torso and head behind a ball held up to the camera; returns the shoulders for the arms. */
export function torso(
  ctx: Context,
  random: Random,
  look: Look,
  cx: number,
  chestY: number,
  shoulders: number,
  bottom: number,
  light: Light,
): [[number, number], [number, number]] {
  const top = chestY - shoulders * 0.35;
  ctx.fillStyle = look.shirt;
  ctx.beginPath();
  ctx.roundRect(cx - shoulders / 2, top, shoulders, Math.max(shoulders, bottom - top), shoulders * 0.22);
  ctx.fill();
  texture(ctx, 'fabric', 0.3, 0.7);
  const fold = ctx.createLinearGradient(cx - shoulders / 2, 0, cx + shoulders / 2, 0);
  fold.addColorStop(0, 'rgb(0 0 0 / 0.3)');
  fold.addColorStop(0.5, 'rgb(0 0 0 / 0)');
  fold.addColorStop(1, 'rgb(0 0 0 / 0.3)');
  ctx.fillStyle = fold;
  ctx.fill();
  if (random.chance(0.4)) {
    ctx.fillStyle = 'rgb(255 255 255 / 0.75)';
    ctx.font = `bold ${shoulders * 0.18}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillText(random.pick(['10', '7', 'TEAM', 'GO!', '23']), cx, chestY + shoulders * 0.45);
  }
  const neck = shoulders * 0.13;
  ctx.fillStyle = look.skin;
  ctx.fillRect(cx - neck / 2, top - neck * 1.6, neck, neck * 1.8);
  head(ctx, random, cx + random.range(-0.05, 0.05) * shoulders, top - shoulders * 0.42, shoulders * 0.3, light);
  return [
    [cx - shoulders * 0.42, top + shoulders * 0.12],
    [cx + shoulders * 0.42, top + shoulders * 0.12],
  ];
}

/** Two legs standing with the feet at footY, one maybe lifted onto or beside a ball. */
export function legs(
  ctx: Context,
  random: Random,
  look: Look,
  x: number,
  footY: number,
  s: number,
  kickAt?: [number, number],
): Shape[] {
  const legWidth = 0.11 * s * (look.child ? 0.8 : 1);
  const hip = footY - (look.child ? 0.6 : 0.85) * s;
  const shorts = random.chance(0.5);
  const shoe = random.pick(['#f2f2f2', '#111', hsl(random.range(0, 360), 70, 45)]);
  const shapes: Shape[] = [];
  const feet: [number, number][] = [[x - legWidth * 0.9, footY], kickAt ?? [x + legWidth * 0.9, footY]];
  for (const foot of feet) {
    const knee: [number, number] = [(foot[0] + x) / 2 + random.range(-0.3, 0.3) * legWidth, (foot[1] + hip) / 2];
    limb(ctx, [[x, hip], knee, [foot[0], foot[1] - legWidth * 0.3]], legWidth, shorts ? look.skin : look.trousers);
    if (shorts)
      limb(
        ctx,
        [
          [x, hip],
          [(x + knee[0]) / 2, (hip + knee[1]) / 2],
        ],
        legWidth * 1.3,
        look.trousers,
      );
    else
      limb(
        ctx,
        [
          [foot[0], foot[1] - legWidth * 0.9],
          [foot[0], foot[1] - legWidth * 0.3],
        ],
        legWidth * 0.9,
        '#eee',
      );
    softShadow(ctx, foot[0] + legWidth * 0.3, foot[1], legWidth * 1.4, legWidth * 0.3, foot === kickAt ? 0 : 0.4);
    ctx.fillStyle = shoe;
    ctx.beginPath();
    ctx.ellipse(
      foot[0] + legWidth * 0.35,
      foot[1] - legWidth * 0.25,
      legWidth * 1.05,
      legWidth * 0.42,
      0,
      0,
      Math.PI * 2,
    );
    ctx.fill();
    ctx.fillStyle = 'rgb(0 0 0 / 0.3)';
    ctx.fillRect(foot[0] - legWidth * 0.6, foot[1] - legWidth * 0.1, legWidth * 1.9, legWidth * 0.12);
    shapes.push(capsule([x, hip], knee, legWidth / 2), capsule(knee, foot, legWidth / 2), {
      kind: 'circle',
      x: foot[0] + legWidth * 0.35,
      y: foot[1] - legWidth * 0.25,
      r: legWidth * 0.7,
    });
  }
  return shapes;
}

/** A whole person standing with the feet at (x, footY), `s` pixels per metre. */
export function person(ctx: Context, random: Random, x: number, footY: number, s: number, light: Light): Shape[] {
  const look = pickLook(random);
  const height = (look.child ? random.range(1.1, 1.45) : random.range(1.55, 1.85)) * s;
  const shapes = legs(ctx, random, look, x, footY, height / 1.75);
  const shoulders = height * 0.25;
  const hip = footY - height * 0.5;
  const chest = hip - height * 0.2;
  const [left, right] = torso(ctx, random, look, x, chest, shoulders, hip + height * 0.03, light);
  const hang = (from: [number, number], side: number) =>
    arm(ctx, look, [from[0] + side * shoulders * 0.15, hip + height * 0.02], from, shoulders * 0.22);
  hang(left, -1);
  hang(right, 1);
  return [
    ...shapes,
    { kind: 'rect', x: x - shoulders / 2, y: chest - shoulders * 0.4, w: shoulders, h: hip - chest },
    { kind: 'circle', x, y: chest - shoulders * 0.8, r: shoulders * 0.3 },
  ];
}
