import { vi } from 'vitest'
import { writeSession } from '../src/auth/session'

export interface Call {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

type Answer = { status?: number; body?: unknown } | ((call: Call) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>)

/**
 * Our own API faked at the fetch level (unit tests only): routes "METHOD /path" to answers, records every call.
 * A route may answer differently each time (an array is consumed in order, its last answer repeating).
 */
export function fakeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: Call[] = []
  writeSession({ token: 'access', refresh_token: 'refresh', user: { id: 'u1', email: 'sam@example.com' } })
  const fetchFake = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init?.method ?? 'GET').toUpperCase()
    const call: Call = {
      method, path: url.pathname, query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    const key = `${method} ${url.pathname}`
    let route = routes[key]
    if (Array.isArray(route)) route = route.length > 1 ? route.shift()! : route[0]
    if (!route) {
      return json(404, { error: { code: 'NOT_FOUND', message: `no fake for ${key}` } })
    }
    const answer = typeof route === 'function' ? await route(call) : route
    return json(answer.status ?? 200, answer.body)
  })
  vi.stubGlobal('fetch', fetchFake)
  return {
    calls,
    called: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

export const envelope = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => ({
  status,
  body: { error: { code, message, details } },
})

export const pagination = (total: number, page = 1, limit = 20) => ({
  page, limit, total, pages: Math.max(1, Math.ceil(total / limit)), has_next: page * limit < total, has_prev: page > 1,
})
