// Passing a model or a dataset to the next phone: the system share sheet (LINE, mail, AirDrop, Nearby
// Share…) where the browser can share files, else an ordinary download the user can send on by hand.

export type SendOutcome = 'shared' | 'downloaded' | 'cancelled';

/** Saves `file` through a temporary link, the one way every browser offers. */
export function downloadFile(file: File): void {
  const url = URL.createObjectURL(file);
  Object.assign(document.createElement('a'), { href: url, download: file.name }).click();
  // The click starts the download asynchronously; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function canShareFile(file: File): boolean {
  return typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });
}

/**
 * Whether the share sheet takes a .zip (Chrome on Android, for one, shares photos but not zips), so a
 * button can say beforehand whether it will send or save.
 */
export function canShareZip(): boolean {
  return canShareFile(new File([], 'tama-lab.zip', { type: 'application/zip' }));
}

/**
 * Shares `file` with the system share sheet when the browser can share files, else downloads it.
 * Closing the sheet is 'cancelled' (not an error); a share the browser refuses falls back to a download,
 * so the user always ends up with the file.
 */
export async function sendFile(file: File, title: string): Promise<SendOutcome> {
  if (canShareFile(file)) {
    try {
      await navigator.share({ files: [file], title });
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    }
  }
  downloadFile(file);
  return 'downloaded';
}
