/* waQup service worker: the app shell offline, and downloaded practices played from the cache with Range support.
 * Built by vite.config.ts (serviceWorker plugin), which writes this build's file list and version into SHELL and VERSION. */
const SHELL = __SHELL__
const VERSION = __VERSION__
const SHELL_CACHE = 'waqup-shell-' + VERSION
const DOWNLOADS_CACHE = 'waqup-downloads-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('waqup-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/offline/')) {
    event.respondWith(fromDownloads(request, url))
    return
  }
  // the API, the WebSocket and the audio store are always live
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/') || url.pathname.startsWith('/media/')
      || url.pathname.startsWith('/actuator') || url.pathname.startsWith('/swagger-ui') || url.pathname.startsWith('/docs/')) {
    return
  }
  if (request.mode === 'navigate') {
    // network first, so a new release shows at once; the shell when offline
    event.respondWith(
      fetch(request).catch(() => caches.open(SHELL_CACHE).then((cache) => cache.match('/')).then((r) => r || Response.error())),
    )
    return
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    // hashed files never change: the cache first
    event.respondWith(
      caches.open(SHELL_CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request).then((response) => {
        if (response.ok) cache.put(request, response.clone())
        return response
      }))),
    )
  }
})

/** A downloaded practice: the whole file, or the bytes a Range asks for (206), so the player can seek offline. */
async function fromDownloads(request, url) {
  const cache = await caches.open(DOWNLOADS_CACHE)
  const hit = await cache.match(url.pathname)
  if (!hit) return new Response('Not downloaded', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  const range = request.headers.get('Range')
  if (!range) return hit
  const blob = await hit.blob()
  const size = blob.size
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
  let start
  let end
  if (match && (match[1] !== '' || match[2] !== '')) {
    if (match[1] === '') {
      start = Math.max(0, size - Number(match[2]))
      end = size - 1
    } else {
      start = Number(match[1])
      end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
    }
  }
  if (start === undefined || start >= size || start > end) {
    return new Response(null, { status: 416, headers: { 'Content-Range': 'bytes */' + size } })
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Type': hit.headers.get('Content-Type') || 'audio/mpeg',
      'Content-Range': 'bytes ' + start + '-' + end + '/' + size,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
    },
  })
}
