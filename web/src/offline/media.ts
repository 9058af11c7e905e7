/**
 * The audio of an item on this origin: the gateway fronts the audio store at /media/** (the pre-signed URL's path and
 * query unchanged, so the store still checks the signature). Same-origin audio can be kept by the service worker and
 * read back with Range requests; a cross-origin answer could only be cached opaque.
 */
export function mediaUrl(audioUrl: string, origin: string = location.origin): string {
  const url = new URL(audioUrl, origin)
  if (url.origin === origin) return url.pathname + url.search
  return '/media' + url.pathname + url.search
}
