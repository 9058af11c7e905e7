import type { ContentDetail } from '../api/types'
import { mediaUrl } from './media'

/** The Cache Storage the app keeps downloads in (the service worker answers /offline/audio/{id} from it). */
export const DOWNLOADS_CACHE = 'waqup-downloads-v1'
const AUDIO = '/offline/audio/'
const ITEM = '/offline/item/'

export type OfflineItem = Omit<ContentDetail, 'audio_url' | 'audio_url_expires_at'> & { downloaded_at: string }

export const canDownload = (): boolean => typeof caches !== 'undefined' && 'serviceWorker' in navigator

export const offlineAudioUrl = (id: string): string => AUDIO + encodeURIComponent(id)

/** Keeps the item's audio (whole) and its script, so it plays with no network, seeking included. */
export async function download(item: ContentDetail): Promise<void> {
  if (!item.audio_url) throw new Error('This practice has no audio yet')
  const response = await fetch(mediaUrl(item.audio_url), { cache: 'no-store' })
  if (!response.ok) throw new Error(`The audio could not be downloaded (${response.status})`)
  const audio = await response.blob()
  const cache = await caches.open(DOWNLOADS_CACHE)
  await cache.put(
    offlineAudioUrl(item.id),
    new Response(audio, {
      headers: {
        'Content-Type': response.headers.get('Content-Type') ?? 'audio/mpeg',
        'Content-Length': String(audio.size),
        'Accept-Ranges': 'bytes',
      },
    }),
  )
  const { audio_url: _url, audio_url_expires_at: _expires, ...rest } = item
  const kept: OfflineItem = { ...rest, downloaded_at: new Date().toISOString() }
  await cache.put(ITEM + encodeURIComponent(item.id), new Response(JSON.stringify(kept), {
    headers: { 'Content-Type': 'application/json' },
  }))
}

export async function isDownloaded(id: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false
  const cache = await caches.open(DOWNLOADS_CACHE)
  return (await cache.match(offlineAudioUrl(id))) !== undefined
}

export async function offlineItem(id: string): Promise<OfflineItem | null> {
  if (typeof caches === 'undefined') return null
  const cache = await caches.open(DOWNLOADS_CACHE)
  const hit = await cache.match(ITEM + encodeURIComponent(id))
  return hit ? ((await hit.json()) as OfflineItem) : null
}

export async function offlineItems(): Promise<OfflineItem[]> {
  if (typeof caches === 'undefined') return []
  const cache = await caches.open(DOWNLOADS_CACHE)
  const keys = await cache.keys()
  const items = await Promise.all(
    keys.filter((k) => new URL(k.url).pathname.startsWith(ITEM)).map(async (k) => (await cache.match(k))!.json()),
  )
  return (items as OfflineItem[]).sort((a, b) => b.downloaded_at.localeCompare(a.downloaded_at))
}

export async function removeDownload(id: string): Promise<void> {
  if (typeof caches === 'undefined') return
  const cache = await caches.open(DOWNLOADS_CACHE)
  await cache.delete(offlineAudioUrl(id))
  await cache.delete(ITEM + encodeURIComponent(id))
}

/** On logout: nothing of the person stays on the device. */
export async function removeAllDownloads(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(DOWNLOADS_CACHE)
}
