import { describe, expect, it, vi } from 'vitest'
import { ApiClient, retryAfterSeconds, type Tokens, type TokenStore } from '../src/api/client'
import { ApiError, plainMessage } from '../src/api/errors'

const jwt = (name: string, expiresInSeconds = 900) =>
  ['e30', btoa(JSON.stringify({ sub: name, exp: Math.floor(Date.now() / 1000) + expiresInSeconds })), 'sig'].join('.')

function memoryStore(initial: Tokens | null): TokenStore & { value: Tokens | null } {
  const store = {
    value: initial,
    get: () => store.value,
    set: (t: Tokens | null) => {
      store.value = t
    },
  }
  return store
}

interface Call {
  url: string
  method: string
  authorization?: string
  body?: unknown
}

/** A platform stand-in: answers by path, records every call. */
function platform(handler: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = []
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: headers.Authorization,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    calls.push(call)
    return handler(call, calls.length)
  })
  return { calls, fetch: fetchImpl as unknown as typeof fetch }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

const envelope = (status: number, code: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message: `${code} happened`, details, trace_id: 't' } }, headers)

describe('ApiClient', () => {
  it('shouldRotateTheRefreshTokenOnA401AndRetryTheCallOnceWithTheNewToken', async () => {
    const old = jwt('old')
    const fresh = jwt('fresh')
    const store = memoryStore({ token: old, refresh_token: 'r1' })
    const p = platform((call) => {
      if (call.url.endsWith('/api/v1/auth/refresh')) return json(200, { token: fresh, refresh_token: 'r2' })
      return call.authorization === `Bearer ${fresh}` ? json(200, { balance: 3 }) : envelope(401, 'INVALID_TOKEN')
    })
    const client = new ApiClient({ store, fetch: p.fetch })

    const balance = await client.get<{ balance: number }>('/api/v1/credits/balance')

    expect(balance.balance).toBe(3)
    expect(p.calls.map((c) => c.url)).toEqual(['/api/v1/credits/balance', '/api/v1/auth/refresh', '/api/v1/credits/balance'])
    expect(p.calls[1].body).toEqual({ refresh_token: 'r1' })
    expect(store.value).toEqual({ token: fresh, refresh_token: 'r2' })
  })

  it('shouldShareOneRefreshBetweenCallsThatFailTogetherSoARotatedTokenIsNeverPresentedTwice', async () => {
    const fresh = jwt('fresh')
    const store = memoryStore({ token: jwt('old'), refresh_token: 'r1' })
    const p = platform(async (call) => {
      if (call.url.endsWith('/refresh')) {
        await new Promise((r) => setTimeout(r, 5))
        return json(200, { token: fresh, refresh_token: 'r2' })
      }
      return call.authorization === `Bearer ${fresh}` ? json(200, { ok: call.url }) : envelope(401, 'INVALID_TOKEN')
    })
    const client = new ApiClient({ store, fetch: p.fetch })

    const answers = await Promise.all([client.get('/api/v1/a'), client.get('/api/v1/b'), client.get('/api/v1/c')])

    expect(answers).toEqual([{ ok: '/api/v1/a' }, { ok: '/api/v1/b' }, { ok: '/api/v1/c' }])
    expect(p.calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(1)
  })

  it('shouldRenewAnAccessTokenThatIsAboutToExpireBeforeTheCall', async () => {
    const fresh = jwt('fresh')
    const store = memoryStore({ token: jwt('old', 10), refresh_token: 'r1' })
    const p = platform((call) =>
      call.url.endsWith('/refresh') ? json(200, { token: fresh, refresh_token: 'r2' }) : json(200, { auth: call.authorization }))
    const client = new ApiClient({ store, fetch: p.fetch })

    expect(await client.get('/api/v1/users/me')).toEqual({ auth: `Bearer ${fresh}` })
    expect(p.calls).toHaveLength(2)
  })

  it('shouldEndTheSessionWhenTheRefreshTokenIsRefused', async () => {
    const store = memoryStore({ token: jwt('old'), refresh_token: 'reused' })
    const expired = vi.fn()
    const p = platform((call) =>
      call.url.endsWith('/refresh') ? envelope(401, 'REFRESH_TOKEN_REUSED') : envelope(401, 'INVALID_TOKEN'))
    const client = new ApiClient({ store, fetch: p.fetch, onSessionExpired: expired })

    const error = await client.get('/api/v1/content').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('SESSION_EXPIRED')
    expect(plainMessage(error)).toMatch(/log in again/)
    expect(expired).toHaveBeenCalledOnce()
    expect(store.value).toBeNull()
    expect(p.calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(1)
  })

  it('shouldWaitForRetryAfterAndTryA429Once', async () => {
    const sleep = vi.fn(async () => undefined)
    const p = platform((_call, n) => (n === 1 ? envelope(429, 'RATE_LIMITED', {}, { 'Retry-After': '2' }) : json(200, { ok: true })))
    const client = new ApiClient({ store: memoryStore({ token: jwt('a'), refresh_token: 'r' }), fetch: p.fetch, sleep })

    expect(await client.get('/api/v1/content')).toEqual({ ok: true })
    expect(sleep).toHaveBeenCalledWith(2000)
    expect(p.calls).toHaveLength(2)
  })

  it('shouldGiveUpAfterTheSecond429AndSayWhenToTryAgain', async () => {
    const sleep = vi.fn(async () => undefined)
    const p = platform(() => envelope(429, 'RATE_LIMITED', { retry_after: 1 }, { 'Retry-After': '7' }))
    const client = new ApiClient({ store: memoryStore({ token: jwt('a'), refresh_token: 'r' }), fetch: p.fetch, sleep })

    const error = (await client.get('/api/v1/content').catch((e: unknown) => e)) as ApiError

    expect(error.code).toBe('RATE_LIMITED')
    expect(error.retryAfter).toBe(7)
    expect(p.calls).toHaveLength(2)
    expect(sleep).toHaveBeenCalledOnce()
    expect(plainMessage(error)).toBe("You're going a little fast. Please wait a moment and try again. (about 7 seconds)")
  })

  it('shouldTurnA402IntoTheCreditsMessageWithWhatIsNeededAndWhatIsThere', async () => {
    const p = platform(() => envelope(402, 'INSUFFICIENT_CREDITS', { required: 2, available: 1 }))
    const client = new ApiClient({ store: memoryStore({ token: jwt('a'), refresh_token: 'r' }), fetch: p.fetch })

    const error = (await client.post('/api/v1/conversation/complete', { session_id: 's', confirm: true })
      .catch((e: unknown) => e)) as ApiError

    expect(error.status).toBe(402)
    expect(error.code).toBe('INSUFFICIENT_CREDITS')
    expect(plainMessage(error)).toBe('This needs 2 credits and you have 1.')
    expect(p.calls[0].body).toEqual({ session_id: 's', confirm: true })
  })

  it('shouldReportALostConnectionAsNetworkInPlainWords', async () => {
    const client = new ApiClient({
      store: memoryStore({ token: jwt('a'), refresh_token: 'r' }),
      fetch: (async () => {
        throw new TypeError('Failed to fetch')
      }) as unknown as typeof fetch,
    })

    const error = (await client.get('/api/v1/content').catch((e: unknown) => e)) as ApiError

    expect(error.isNetwork).toBe(true)
    expect(plainMessage(error)).toMatch(/offline.*Nothing you typed is lost/)
  })

  it('shouldNeverShowARawCodeOrStatusForAnUnknownError', async () => {
    const p = platform(() => new Response('<html>bad gateway</html>', { status: 502 }))
    const client = new ApiClient({ store: memoryStore({ token: jwt('a'), refresh_token: 'r' }), fetch: p.fetch })

    const error = await client.get('/api/v1/content').catch((e: unknown) => e)

    expect(plainMessage(error)).toBe("Something on our side isn't working right now. Please try again in a minute.")
    expect(plainMessage(error)).not.toMatch(/502|HTTP_|<html>/)
  })

  it('shouldSendNoTokenToPublicEndpoints', async () => {
    const p = platform(() => json(201, { token: 't', refresh_token: 'r', user: { id: '1', email: 'a@b.c' } }))
    const client = new ApiClient({ store: memoryStore(null), fetch: p.fetch })

    await client.post('/api/v1/auth/register', { email: 'a@b.c', password: 'long enough phrase' }, { auth: false })

    expect(p.calls[0].authorization).toBeUndefined()
  })
})

describe('retryAfterSeconds', () => {
  it('shouldReadSecondsAndHttpDates', () => {
    const now = Date.parse('2026-12-06T10:00:00Z')
    expect(retryAfterSeconds('3', now)).toBe(3)
    expect(retryAfterSeconds('Sun, 06 Dec 2026 10:00:05 GMT', now)).toBe(5)
    expect(retryAfterSeconds(null, now)).toBe(1)
    expect(retryAfterSeconds('soon', now)).toBe(1)
  })
})
