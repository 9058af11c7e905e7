import { useState, type FormEvent } from 'react'
import { Link, Navigate, useSearchParams } from 'react-router'
import { useAuth } from '../auth/AuthContext'
import { ErrorNote } from '../ui/ErrorNote'

/** Sign up and log in; after an expired session it returns to where the person was (their typing is kept). */
export default function Login({ mode }: { mode: 'login' | 'signup' }) {
  const { user, login, signup } = useAuth()
  const [params] = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const next = safeNext(params.get('next'))
  const signingUp = mode === 'signup'

  if (user) return <Navigate to={next} replace />

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await (signingUp ? signup : login)(email.trim(), password)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="auth stack" aria-labelledby="auth-title">
      <h1 id="auth-title">{signingUp ? 'Create your account' : 'Welcome back'}</h1>
      {params.get('expired') && (
        <p className="note" role="status">
          Your session ended. Log in again to carry on where you were; nothing you typed is lost.
        </p>
      )}
      {signingUp && <p className="muted">Your first creation is on us.</p>}
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete={signingUp ? 'new-password' : 'current-password'}
            required
            minLength={signingUp ? 10 : undefined}
            aria-describedby={signingUp ? 'password-hint' : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {signingUp && (
            <p id="password-hint" className="hint">
              At least 10 characters; a short sentence works well.
            </p>
          )}
        </div>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy || !email || !password}>
          {signingUp ? 'Sign up' : 'Log in'}
        </button>
      </form>
      <p>
        {signingUp ? (
          <>Already have an account? <Link to={`/login?next=${encodeURIComponent(next)}`}>Log in</Link></>
        ) : (
          <>New here? <Link to={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link></>
        )}
      </p>
    </section>
  )
}

/** Only a path of this app (never another site) is a place to return to. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}
