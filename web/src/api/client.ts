import { ApiError } from './errors'

export interface Tokens {
  token: string
  refresh_token: string
}

/** Where the session's tokens live (localStorage in the app, memory in tests). */
export interface TokenStore {
  get(): Tokens | null
  set(tokens: Tokens | null): void
}

export interface RequestOptions {
  body?: unknown
  query?: Record<string, string | number | boolean | string[] | undefined | null>
  /** send the access token (default true) */
  auth?: boolean
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface ClientOptions {
  store: TokenStore
  baseUrl?: string
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  /** called once when the refresh token no longer works: the person must log in again */
  onSessionExpired?: () => void
  /** longest Retry-After honoured before giving up (seconds) */
  maxRetryAfter?: number
}

const REFRESH_PATH = '/api/v1/auth/refresh'
const EXPIRY_MARGIN_MS = 30_000

/**
 * The platform's REST API from the browser. Every call carries the access token; one that expired is renewed with the
 * refresh token first (each refresh rotates it: the new pair replaces the old one at once, and concurrent calls share
 * one refresh, so a rotated token is never presented twice), and a 401 is retried once after a refresh. A refresh the
 * platform refuses ends the session (onSessionExpired). A 429 waits for Retry-After and tries once more. Errors are
 * {@link ApiError}s built from the error envelope; a lost connection is code NETWORK.
 */
export class ApiClient {
  private readonly store: TokenStore
  private readonly baseUrl: string
  private readonly fetchImpl: typeof fetch
  private readonly sleep: (ms: number) => Promise<void>
  private readonly maxRetryAfter: number
  private refreshing: Promise<boolean> | null = null
  onSessionExpired?: () => void

  constructor(options: ClientOptions) {
    this.store = options.store
    this.baseUrl = options.baseUrl ?? ''
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.onSessionExpired = options.onSessionExpired
    this.maxRetryAfter = options.maxRetryAfter ?? 30
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options)
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body })
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body })
  }

  patch<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body })
  }

  delete<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, { ...options, body })
  }

  /** The access token to use now, renewed first when it expires within 30 s (for the WebSocket handshake too). */
  async freshToken(): Promise<string | null> {
    const tokens = this.store.get()
    if (!tokens) return null
    if (expiresSoon(tokens.token)) {
      const ok = await this.refresh(tokens)
      return ok ? (this.store.get()?.token ?? null) : null
    }
    return tokens.token
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true
    let refreshed = false
    let waited = false
    for (;;) {
      const token = auth ? await this.freshToken() : null
      if (auth && !token) {
        throw this.expired()
      }
      const response = await this.send(method, path, options, token)
      if (response.status === 401 && auth && !refreshed) {
        refreshed = true
        const current = this.store.get()
        // another call may already have rotated the pair while this one was on its way
        if (current && current.token !== token) continue
        if (current && (await this.refresh(current))) continue
        throw this.expired()
      }
      if (response.status === 429 && !waited) {
        const seconds = retryAfterSeconds(response.headers.get('Retry-After'))
        if (seconds <= this.maxRetryAfter) {
          waited = true
          await this.sleep(seconds * 1000)
          continue
        }
      }
      if (!response.ok) {
        throw await toError(response)
      }
      if (response.status === 204) return undefined as T
      const text = await response.text()
      return (text ? JSON.parse(text) : undefined) as T
    }
  }

  /**
   * Exchanges the refresh token for a new pair, once at a time for the whole app (and across tabs where the browser
   * has Web Locks). A pair another call or tab already rotated is used as it is.
   */
  refresh(seen: Tokens): Promise<boolean> {
    if (!this.refreshing) {
      const run = async (): Promise<boolean> => {
        const current = this.store.get()
        if (!current) return false
        if (current.refresh_token !== seen.refresh_token) return true
        let response: Response
        try {
          response = await this.fetchImpl(this.baseUrl + REFRESH_PATH, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ refresh_token: current.refresh_token }),
          })
        } catch {
          throw new ApiError(0, 'NETWORK', 'The network is unreachable')
        }
        if (response.ok) {
          const body = (await response.json()) as Tokens
          this.store.set({ token: body.token, refresh_token: body.refresh_token ?? current.refresh_token })
          return true
        }
        if (response.status === 429 || response.status >= 500) {
          throw await toError(response)
        }
        this.store.set(null)
        return false
      }
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
      const task: Promise<boolean> = locks ? (locks.request('waqup-token-refresh', run) as unknown as Promise<boolean>) : run()
      this.refreshing = task.finally(() => {
        this.refreshing = null
      })
    }
    return this.refreshing!
  }

  private expired(): ApiError {
    this.onSessionExpired?.()
    return new ApiError(401, 'SESSION_EXPIRED', 'The session has expired')
  }

  private async send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    if (token) headers.Authorization = `Bearer ${token}`
    let body: BodyInit | undefined
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    try {
      return await this.fetchImpl(this.baseUrl + path + queryString(options.query), {
        method,
        headers,
        body,
        signal: options.signal,
      })
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e
      throw new ApiError(0, 'NETWORK', 'The network is unreachable')
    }
  }
}

export function queryString(query: RequestOptions['query']): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v))
    else params.append(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** Retry-After as seconds (delta-seconds or an HTTP date); 1 when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number {
  if (!header) return 1
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(header)
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - now) / 1000))
  return 1
}

async function toError(response: Response): Promise<ApiError> {
  const retryAfter = response.headers.get('Retry-After')
  let code = `HTTP_${response.status}`
  let message = response.statusText || 'Request failed'
  let details: Record<string, unknown> = {}
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
    if (body?.error?.code) {
      code = body.error.code
      message = body.error.message ?? message
      details = body.error.details ?? {}
    }
  } catch {
    // not the envelope (a proxy's page): keep the status
  }
  return new ApiError(response.status, code, message, details, retryAfter ? retryAfterSeconds(retryAfter) : undefined)
}

/** Whether a JWT's exp is within the margin; an unreadable token is left to the platform to judge. */
export function expiresSoon(jwt: string, now: number = Date.now()): boolean {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }
    return typeof payload.exp !== 'number' || payload.exp * 1000 - now < EXPIRY_MARGIN_MS
  } catch {
    return false
  }
}
