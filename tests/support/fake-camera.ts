// Writes .y4m videos for Chromium's fake camera (--use-file-for-fake-video-capture) from the project's
// ball images: one image panned a little each frame, or a ball rolling across a background.
import { writeFileSync } from 'node:fs';
import { openHarness } from '../../scripts/lib/harness.ts';
import type { Box } from '../../src/model/geometry.ts';

function writeY4m(out: string, width: number, height: number, fps: number, frames: string[]) {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const chunks = [header];
  for (const frame of frames) chunks.push(Buffer.from('FRAME\n'), Buffer.from(frame, 'base64'));
  writeFileSync(out, Buffer.concat(chunks));
}

export async function writeFakeCameraVideo(image: string, out: string, { frames = 20, step = 2, fps = 10 } = {}) {
  const harness = await openHarness();
  try {
    const url = await harness.serveFile(image);
    const video = await harness.page.evaluate(([u, n, s]) => window.tama.cameraFrames(u, n, s), [
      url,
      frames,
      step,
    ] as const);
    writeY4m(out, video.width, video.height, fps, video.frames);
    return { width: video.width, height: video.height, frames, step };
  } finally {
    await harness.close();
  }
}

/**
 * Every frame carries its own index in a strip at the top left: `bits` cells of `cell` px, least
 * significant first, white for 1 and black for 0. A test reads it back from the <video> to know which
 * frame the app was looking at.
 */
export const FRAME_MARKER = { bits: 10, cell: 16 } as const;

export interface MovingBallOptions {
  /** A ball-free photo, scaled to cover the frame. */
  background: string;
  /** The photo with the ball, and the ball's box in it; without it the video shows the background only. */
  ball?: { image: string; box: Box };
  width?: number;
  height?: number;
  /** Diameter of the ball in the video, px. */
  size?: number;
  /** Top of the ball, px. */
  top?: number;
  /** How far the ball rolls each frame, px. */
  step?: number;
  /** Frames without the ball after it left, before the video loops. */
  emptyFrames?: number;
  fps?: number;
}

export interface MovingBallVideo {
  width: number;
  height: number;
  fps: number;
  /** Where the ball is in each frame (partly or wholly outside the picture at the ends), null once gone. */
  balls: (Box | null)[];
}

/**
 * A ball rolling left to right across a background at constant speed: it enters from outside the left
 * edge, leaves past the right edge, and the picture stays empty for `emptyFrames` before the loop.
 */
export async function writeMovingBallVideo(out: string, options: MovingBallOptions): Promise<MovingBallVideo> {
  const { width = 640, height = 480, size = 140, step = 10, emptyFrames = 20, fps = 10 } = options;
  const top = options.top ?? Math.round((height - size) / 2);
  const balls: (Box | null)[] = [];
  if (options.ball) for (let x = -size + step; x < width; x += step) balls.push([x, top, size, size]);
  for (let i = 0; i < emptyFrames; i++) balls.push(null);
  const harness = await openHarness();
  try {
    const backgroundUrl = await harness.serveFile(options.background);
    const ballUrl = options.ball ? await harness.serveFile(options.ball.image) : '';
    const crop = options.ball?.box ?? [0, 0, 0, 0];
    const frames: string[] = [];
    // Rendered a batch at a time, so no single answer from the page gets huge. The page functions are
    // written without named inner functions: tsx would wrap those in a helper the page does not have.
    for (let first = 0; first < balls.length; first += 16) {
      const batch = balls.slice(first, first + 16);
      frames.push(
        ...(await harness.page.evaluate(
          async ({ backgroundUrl, ballUrl, crop, width, height, batch, first, marker }) => {
            const background = await createImageBitmap(await (await fetch(backgroundUrl)).blob());
            const ball = ballUrl ? await createImageBitmap(await (await fetch(ballUrl)).blob()) : undefined;
            const canvas = new OffscreenCanvas(width, height);
            const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
            const scale = Math.max(width / background.width, height / background.height);
            const encoded: string[] = [];
            for (let i = 0; i < batch.length; i++) {
              ctx.drawImage(
                background,
                (width - background.width * scale) / 2,
                (height - background.height * scale) / 2,
                background.width * scale,
                background.height * scale,
              );
              const at = batch[i];
              if (ball && at) {
                ctx.save();
                ctx.beginPath();
                ctx.arc(at[0] + at[2] / 2, at[1] + at[3] / 2, at[2] / 2, 0, Math.PI * 2);
                ctx.clip();
                ctx.drawImage(ball, crop[0], crop[1], crop[2], crop[3], at[0], at[1], at[2], at[3]);
                ctx.restore();
              }
              const index = first + i;
              ctx.fillStyle = '#000';
              ctx.fillRect(0, 0, marker.bits * marker.cell, marker.cell);
              ctx.fillStyle = '#fff';
              for (let bit = 0; bit < marker.bits; bit++)
                if ((index >> bit) & 1) ctx.fillRect(bit * marker.cell, 0, marker.cell, marker.cell);
              encoded.push(await window.tama.i420(ctx.getImageData(0, 0, width, height)));
            }
            background.close();
            ball?.close();
            return encoded;
          },
          { backgroundUrl, ballUrl, crop, width, height, batch, first, marker: FRAME_MARKER },
        )),
      );
    }
    writeY4m(out, width, height, fps, frames);
    return { width, height, fps, balls };
  } finally {
    await harness.close();
  }
}
