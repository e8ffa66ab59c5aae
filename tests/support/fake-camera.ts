// Writes a .y4m video for Chromium's fake camera (--use-file-for-fake-video-capture) from one of the
// project's ball images, panned a little each frame so the ball moves.
import { writeFileSync } from 'node:fs';
import { openHarness } from '../../scripts/lib/harness.ts';

export async function writeFakeCameraVideo(image: string, out: string, { frames = 20, step = 2, fps = 10 } = {}) {
  const harness = await openHarness();
  try {
    const url = await harness.serveFile(image);
    const video = await harness.page.evaluate(([u, n, s]) => window.tama.cameraFrames(u, n, s), [
      url,
      frames,
      step,
    ] as const);
    const header = Buffer.from(`YUV4MPEG2 W${video.width} H${video.height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    const chunks = [header];
    for (const frame of video.frames) chunks.push(Buffer.from('FRAME\n'), Buffer.from(frame, 'base64'));
    writeFileSync(out, Buffer.concat(chunks));
    return { width: video.width, height: video.height, frames, step };
  } finally {
    await harness.close();
  }
}
