/**
 * A path inside the app, under the base URL it was built for: "/" for `npm run build`, "/tama-lab/"
 * for `npm run build -- --base /tama-lab/` (e.g. GitHub Pages). Every link and fetch of the app's own
 * files goes through here, so the same code works at a site's root or under any sub-path.
 */
export function appUrl(path = ''): string {
  return `${import.meta.env?.BASE_URL ?? '/'}${path.replace(/^\//, '')}`;
}
