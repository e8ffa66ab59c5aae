/**
 * Settles once the browser has shown what is on screen now: two frames and a short pause. Work
 * started after it (TF.js, the model, the service worker) cannot hold up that paint. The pause is
 * there because a frame's pixels reach the screen a little after its animation-frame callbacks (in
 * Chromium's headless compositor by up to ~20 ms): a model that takes seconds loses nothing by it.
 * A hidden tab paints no frames, so it also settles after `fallbackMs`.
 */
export function afterNextPaint(pauseMs = 100, fallbackMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        setTimeout(resolve, pauseMs);
      }),
    );
  });
}
