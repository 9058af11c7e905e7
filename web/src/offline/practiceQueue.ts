import { api } from '../api/api'
import { ApiError } from '../api/errors'

/**
 * Practice events (play, complete) made while offline, kept in localStorage and sent in order once the network is
 * back (the library accepts a start up to 30 days old), so an offline session still counts for history and streaks.
 */
const KEY = 'waqup.practice-queue'

export interface QueuedPractice {
  content_id: string
  started_at: string
  completed_at?: string
  duration?: number
  /** set once the play was recorded */
  practice_event_id?: string
}

function read(): QueuedPractice[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedPractice[]
  } catch {
    return []
  }
}

function write(queue: QueuedPractice[]): void {
  if (queue.length) localStorage.setItem(KEY, JSON.stringify(queue))
  else localStorage.removeItem(KEY)
}

export function enqueue(entry: QueuedPractice): void {
  write([...read(), entry])
}

export function pending(): number {
  return read().length
}

let flushing: Promise<void> | null = null

/** Sends what is queued; stops at the first network failure and keeps the rest. */
export function flush(): Promise<void> {
  if (!flushing) {
    flushing = (async () => {
      let queue = read()
      while (queue.length) {
        const entry = queue[0]
        try {
          if (!entry.practice_event_id) {
            const started = await api.play(entry.content_id, entry.started_at)
            entry.practice_event_id = started.practice_event_id
            write(queue)
          }
          if (entry.completed_at) {
            await api.completePractice(entry.content_id, entry.practice_event_id, entry.completed_at, entry.duration ?? 0)
          }
        } catch (e) {
          if (e instanceof ApiError && (e.isNetwork || e.status >= 500 || e.status === 429 || e.code === 'SESSION_EXPIRED')) {
            return
          }
          // refused for good (the item was deleted, the start is too old): drop it
        }
        queue = read().slice(1)
        write(queue)
      }
    })().finally(() => {
      flushing = null
    })
  }
  return flushing
}

export function clearQueue(): void {
  localStorage.removeItem(KEY)
}
