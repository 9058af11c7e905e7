import type { Tokens, TokenStore } from '../api/client'
import type { User } from '../api/types'

const KEY = 'waqup.session'

export interface StoredSession extends Tokens {
  user: User
}

type Listener = (session: StoredSession | null) => void
const listeners = new Set<Listener>()

export function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as StoredSession) : null
  } catch {
    return null
  }
}

export function writeSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session))
  else localStorage.removeItem(KEY)
  listeners.forEach((l) => l(session))
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * The tokens in localStorage, so a person stays signed in across visits and tabs (a rotation in one tab is seen by
 * the others). The app's strict Content-Security-Policy (no inline or third-party script) is what keeps them from
 * other code.
 */
export const sessionStore: TokenStore = {
  get: () => {
    const s = readSession()
    return s ? { token: s.token, refresh_token: s.refresh_token } : null
  },
  set: (tokens) => {
    const current = readSession()
    if (!tokens || !current) writeSession(null)
    else writeSession({ ...current, ...tokens })
  },
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) listeners.forEach((l) => l(readSession()))
  })
}
