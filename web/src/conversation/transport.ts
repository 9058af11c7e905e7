import { api, client } from '../api/api'
import { ApiError } from '../api/errors'
import type { ContentType, Generating, Turn } from '../api/types'

export interface SessionState {
  turn: Turn
  messages: { role: string; content: string }[]
  ritual_id?: string | null
}

async function sessionState(sessionId: string): Promise<SessionState> {
  const s = await api.conversationState(sessionId)
  const messages = (s as { messages?: { role: string; content: string }[] }).messages ?? []
  const lastAssistant = [...messages].reverse().find((m) => m.role === 'assistant')
  return {
    turn: { session_id: s.session_id, state: s.state, text: lastAssistant?.content ?? '', context: s.context, summary: s.summary ?? null },
    messages,
    ritual_id: s.ritual_id ?? null,
  }
}

/** News about a generation, pushed on the WebSocket (or polled over REST). */
export type Push =
  | { type: 'progress'; ritual_id: string; status: string; progress: number }
  | { type: 'ready'; ritual_id: string; title?: string }
  | { type: 'failed'; ritual_id: string; message: string }

/** One conversation's way to the platform: the WebSocket, or plain REST calls when that cannot be had. */
export interface Transport {
  readonly kind: 'websocket' | 'rest'
  start(contentType: ContentType): Promise<Turn>
  send(sessionId: string, text: string): Promise<Turn>
  complete(sessionId: string): Promise<Generating>
  decline(sessionId: string): Promise<Turn>
  /** where a session stands (REST in both transports): to resume after a reload or a new login */
  state(sessionId: string): Promise<SessionState>
  /** follow a generation until it is ready or failed */
  follow(ritualId: string, onPush: (p: Push) => void): () => void
  close(): void
}

interface Frame {
  type: string
  session_id?: string
  state?: string
  content?: string
  context?: Turn['context']
  summary?: Turn['summary']
  ritual_id?: string
  status?: string
  estimated_time?: number
  progress?: number
  title?: string
  code?: string
  message?: string
  details?: Record<string, unknown>
}

/** REST, polling the generation every 1.5 s. */
export class RestTransport implements Transport {
  readonly kind = 'rest' as const
  private timers = new Set<ReturnType<typeof setTimeout>>()

  constructor(private readonly pollMs = 1500) {}

  start(contentType: ContentType) {
    return api.startConversation(contentType)
  }

  send(sessionId: string, text: string) {
    return api.sendMessage(sessionId, text)
  }

  complete(sessionId: string) {
    return api.complete(sessionId)
  }

  decline(sessionId: string) {
    return api.decline(sessionId)
  }

  state(sessionId: string) {
    return sessionState(sessionId)
  }

  follow(ritualId: string, onPush: (p: Push) => void): () => void {
    let stopped = false
    const poll = async () => {
      if (stopped) return
      try {
        const g = await api.generation(ritualId)
        if (stopped) return
        if (g.status === 'ready') return onPush({ type: 'ready', ritual_id: ritualId })
        if (g.status === 'failed') {
          return onPush({ type: 'failed', ritual_id: ritualId, message: "We couldn't finish creating it. Your credits were given back." })
        }
        onPush({ type: 'progress', ritual_id: ritualId, status: g.status, progress: g.progress })
      } catch {
        // a lost connection: keep polling until it is back
      }
      const t = setTimeout(() => {
        this.timers.delete(t)
        void poll()
      }, this.pollMs)
      this.timers.add(t)
    }
    void poll()
    return () => {
      stopped = true
    }
  }

  close() {
    this.timers.forEach(clearTimeout)
    this.timers.clear()
  }
}

/**
 * The conversation WebSocket (/ws/conversation?token=…). Frames carry no request id, so one request is in flight at
 * a time and the next answer frame (started, response, generating, error) is its answer; progress, ready and
 * generation errors are pushes. A generation is also polled over REST every few seconds in case a push is missed.
 */
export class SocketTransport implements Transport {
  readonly kind = 'websocket' as const
  private waiting: { resolve: (f: Frame) => void; reject: (e: unknown) => void } | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private followers = new Map<string, (p: Push) => void>()
  private readonly rest = new RestTransport(4000)

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (e) => this.onFrame(e.data))
    socket.addEventListener('close', () => {
      this.waiting?.reject(new ApiError(0, 'NETWORK', 'The connection closed'))
      this.waiting = null
    })
  }

  /** Opens the socket; rejects if it is not open within the timeout (the caller falls back to REST). */
  static async open(timeoutMs = 4000, factory: (url: string) => WebSocket = (u) => new WebSocket(u)): Promise<SocketTransport> {
    const token = await client.freshToken()
    if (!token) throw new ApiError(401, 'SESSION_EXPIRED', 'No session')
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const socket = factory(`${scheme}//${location.host}/ws/conversation?token=${encodeURIComponent(token)}`)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close()
        reject(new Error('WebSocket timeout'))
      }, timeoutMs)
      socket.addEventListener('open', () => {
        clearTimeout(timer)
        resolve(new SocketTransport(socket))
      })
      socket.addEventListener('error', () => {
        clearTimeout(timer)
        reject(new Error('WebSocket refused'))
      })
    })
  }

  private onFrame(data: unknown) {
    let frame: Frame
    try {
      frame = JSON.parse(String(data)) as Frame
    } catch {
      return
    }
    if (frame.type === 'progress' && frame.ritual_id) {
      this.followers.get(frame.ritual_id)?.({
        type: 'progress', ritual_id: frame.ritual_id, status: frame.status ?? '', progress: frame.progress ?? 0,
      })
      return
    }
    if (frame.type === 'ready' && frame.ritual_id) {
      this.followers.get(frame.ritual_id)?.({ type: 'ready', ritual_id: frame.ritual_id, title: frame.title })
      return
    }
    if (frame.type === 'error' && frame.code === 'GENERATION_FAILED' && frame.ritual_id) {
      this.followers.get(frame.ritual_id)?.({
        type: 'failed', ritual_id: frame.ritual_id, message: "We couldn't finish creating it. Your credits were given back.",
      })
      return
    }
    const waiting = this.waiting
    this.waiting = null
    if (!waiting) return
    if (frame.type === 'error') {
      waiting.reject(new ApiError(400, frame.code ?? 'ERROR', frame.message ?? 'Error', frame.details ?? {}))
    } else {
      waiting.resolve(frame)
    }
  }

  private ask(frame: Record<string, unknown>): Promise<Frame> {
    const run = () =>
      new Promise<Frame>((resolve, reject) => {
        if (this.socket.readyState !== WebSocket.OPEN) {
          reject(new ApiError(0, 'NETWORK', 'The connection is closed'))
          return
        }
        this.waiting = { resolve, reject }
        this.socket.send(JSON.stringify(frame))
      })
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }

  private static turn(f: Frame): Turn {
    return { session_id: f.session_id ?? '', state: f.state ?? '', text: f.content ?? '', context: f.context, summary: f.summary ?? null }
  }

  async start(contentType: ContentType) {
    return SocketTransport.turn(await this.ask({ type: 'start', content_type: contentType }))
  }

  async send(sessionId: string, text: string) {
    return SocketTransport.turn(await this.ask({ type: 'message', session_id: sessionId, content: text }))
  }

  async complete(sessionId: string): Promise<Generating> {
    const f = await this.ask({ type: 'complete', session_id: sessionId, confirm: true })
    if (f.type !== 'generating' || !f.ritual_id) throw new ApiError(409, 'SESSION_NOT_READY', 'Not ready')
    return { ritual_id: f.ritual_id, status: f.status ?? 'generating', estimated_time: f.estimated_time ?? 30 }
  }

  async decline(sessionId: string) {
    return SocketTransport.turn(await this.ask({ type: 'complete', session_id: sessionId, confirm: false }))
  }

  state(sessionId: string) {
    return sessionState(sessionId)
  }

  follow(ritualId: string, onPush: (p: Push) => void): () => void {
    let done = false
    const once = (p: Push) => {
      if (done) return
      if (p.type !== 'progress') {
        done = true
        stopPolling()
        this.followers.delete(ritualId)
      }
      onPush(p)
    }
    this.followers.set(ritualId, once)
    const stopPolling = this.rest.follow(ritualId, once)
    return () => {
      done = true
      stopPolling()
      this.followers.delete(ritualId)
    }
  }

  close() {
    this.rest.close()
    this.followers.clear()
    this.socket.close()
  }
}

/** The WebSocket when it opens, REST otherwise. */
export async function connect(): Promise<Transport> {
  if (typeof WebSocket === 'undefined') return new RestTransport()
  try {
    return await SocketTransport.open()
  } catch (e) {
    if (e instanceof ApiError && e.code === 'SESSION_EXPIRED') throw e
    return new RestTransport()
  }
}
