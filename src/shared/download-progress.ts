// Progress for the big downloads a page makes on first use (MNIST 11 MB, the sample photos 3 MB): they
// are left out of the first visit to keep it light, so the wait they cause has to be visible.

export interface DownloadProgress {
  loaded: number;
  /** Undefined when a server compresses on the fly and sends no Content-Length. */
  total: number | undefined;
}

/**
 * Sums the bytes of several parallel downloads. Each `body()` wraps one response and reports its bytes as
 * they arrive (from the network or the service worker's cache alike).
 */
export class DownloadMeter {
  private loaded = 0;
  private total: number | undefined = 0;

  constructor(private readonly report: (progress: DownloadProgress) => void) {}

  body(response: Response): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (!response.body) throw new Error(`${response.url}: empty response`);
    const length = Number(response.headers.get('content-length'));
    this.total = this.total !== undefined && length > 0 ? this.total + length : undefined;
    this.report({ loaded: this.loaded, total: this.total });
    return response.body.pipeThrough(
      new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
        transform: (chunk, controller) => {
          this.loaded += chunk.byteLength;
          this.report({ loaded: this.loaded, total: this.total });
          controller.enqueue(chunk);
        },
      }),
    );
  }
}

/** Fetches `url` as bytes, reporting progress. */
export async function fetchWithProgress(
  url: string,
  onProgress: (progress: DownloadProgress) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = new DownloadMeter(onProgress).body(response);
  return new Uint8Array(await new Response(body).arrayBuffer());
}
