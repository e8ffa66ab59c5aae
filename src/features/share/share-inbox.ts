// Files shared to the installed app (Android share sheet → "たまラボ") arrive as a POST to the manifest's
// share_target. The service worker cannot import them itself (the dataset and model stores live with the
// page), so it parks them in a cache, the inbox, and redirects to the receive page, which imports them
// and only then empties the inbox: a page closed halfway loses nothing.

export const SHARE_INBOX_CACHE = 'tama-share-inbox';
/** The share target's and file handler's action, relative to the app's base (see vite.config.ts). */
export const RECEIVE_ROUTE = 'receive';
const INBOX_FOLDER = 'share-inbox/';
const FILE_NAME_HEADER = 'x-tama-file-name';

export function isShareTargetPost(request: Request, scope: string): boolean {
  return request.method === 'POST' && new URL(request.url).pathname === new URL(RECEIVE_ROUTE, scope).pathname;
}

/** Service-worker side: stores every file of the shared form, then sends the browser to the receive page. */
export async function parkSharedFiles(request: Request, scope: string): Promise<Response> {
  let parked = 0;
  try {
    const form = await request.formData();
    const cache = await caches.open(SHARE_INBOX_CACHE);
    const stamp = Date.now();
    for (const value of form.getAll('files')) {
      if (typeof value === 'string') continue;
      const headers = {
        'content-type': value.type || 'application/octet-stream',
        [FILE_NAME_HEADER]: encodeURIComponent(value.name),
      };
      await cache.put(new URL(`${INBOX_FOLDER}${stamp}-${parked}`, scope).href, new Response(value, { headers }));
      parked += 1;
    }
  } catch {
    // A body that is not a form: the receive page reports that nothing arrived.
  }
  return Response.redirect(new URL(`${RECEIVE_ROUTE}?shared=${parked}`, scope).href, 303);
}

export interface InboxFile {
  file: File;
  /** Removes the file from the inbox; call once it is imported or refused. */
  remove(): Promise<void>;
}

/** Page side: the files waiting in the inbox, oldest first. */
export async function inboxFiles(): Promise<InboxFile[]> {
  if (!('caches' in globalThis) || !(await caches.has(SHARE_INBOX_CACHE))) return [];
  const cache = await caches.open(SHARE_INBOX_CACHE);
  const waiting: InboxFile[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response) continue;
    const name = decodeURIComponent(response.headers.get(FILE_NAME_HEADER) ?? 'shared.zip');
    const file = new File([await response.blob()], name, { type: response.headers.get('content-type') ?? '' });
    waiting.push({ file, remove: async () => void (await cache.delete(request)) });
  }
  return waiting;
}
