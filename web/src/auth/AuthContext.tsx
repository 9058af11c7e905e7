import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { api, client } from '../api/api'
import type { AuthAnswer, User } from '../api/types'
import { removeAllDownloads } from '../offline/downloads'
import { clearQueue, flush } from '../offline/practiceQueue'
import { onSessionChange, readSession, writeSession } from './session'

interface Auth {
  user: User | null
  /** true once a session ended on its own (the refresh token no longer works) */
  expired: boolean
  /** true once the person logged out on purpose (the login that follows starts at home, not where they left) */
  loggedOut: boolean
  login(email: string, password: string): Promise<void>
  signup(email: string, password: string): Promise<void>
  logout(): Promise<void>
  /** after the account is deleted: forget everything local without calling the platform */
  forget(): Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => readSession()?.user ?? null)
  const [expired, setExpired] = useState(false)
  const [loggedOut, setLoggedOut] = useState(false)

  useEffect(() => onSessionChange((s) => setUser(s?.user ?? null)), [])
  useEffect(() => {
    client.onSessionExpired = () => {
      writeSession(null)
      setExpired(true)
    }
    return () => {
      client.onSessionExpired = undefined
    }
  }, [])

  const begin = useCallback((answer: AuthAnswer) => {
    writeSession({ token: answer.token, refresh_token: answer.refresh_token, user: answer.user })
    setExpired(false)
    setLoggedOut(false)
    void flush()
  }, [])

  const forget = useCallback(async () => {
    writeSession(null)
    clearQueue()
    await removeAllDownloads()
  }, [])

  const value = useMemo<Auth>(
    () => ({
      user,
      expired,
      loggedOut,
      login: async (email, password) => begin(await api.login(email, password)),
      signup: async (email, password) => begin(await api.register(email, password)),
      logout: async () => {
        setLoggedOut(true)
        const session = readSession()
        await flush().catch(() => undefined)
        if (session) await api.logout(session.refresh_token).catch(() => undefined)
        await forget()
      },
      forget,
    }),
    [user, expired, loggedOut, begin, forget],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}
