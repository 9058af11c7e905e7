import { lazy, Suspense, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react'
import { BrowserRouter, Navigate, NavLink, Route, Routes, useLocation } from 'react-router'
import { AuthProvider, useAuth } from '../auth/AuthContext'
import { flush } from '../offline/practiceQueue'
import { useOnline } from '../ui/useOnline'

// every screen is its own chunk: the first load carries only the shell and the screen it opens
const Login = lazy(() => import('../pages/Login'))
const Home = lazy(() => import('../pages/Home'))
const Create = lazy(() => import('../pages/Create'))
const Library = lazy(() => import('../pages/Library'))
const Item = lazy(() => import('../pages/Item'))
const Progress = lazy(() => import('../pages/Progress'))
const Profile = lazy(() => import('../pages/Profile'))
const Credits = lazy(() => import('../pages/Credits'))
const NotFound = lazy(() => import('../pages/NotFound'))
// the marketplace and the creator studio: chunks of their own, loaded only when opened
const Marketplace = lazy(() => import('../marketplace/Marketplace'))
const PackDetail = lazy(() => import('../marketplace/PackDetail'))
const Studio = lazy(() => import('../studio/Studio'))
const PackEditor = lazy(() => import('../studio/PackEditor'))
const Rewards = lazy(() => import('../studio/Rewards'))

/**
 * The navigation (the phone's tab bar). The creator studio is reached from the top bar and the
 * marketplace; rewards join when their API lands: nothing links to a screen whose API does not answer yet.
 */
export const NAV: { to: string; label: string }[] = [
  { to: '/', label: 'Home' },
  { to: '/create', label: 'Create' },
  { to: '/library', label: 'Library' },
  { to: '/marketplace', label: 'Discover' },
  { to: '/progress', label: 'Progress' },
  { to: '/profile', label: 'Profile' },
]

export default function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </AuthProvider>
  )
}

function Shell() {
  const { user } = useAuth()
  const online = useOnline()
  const location = useLocation()
  const main = useRef<HTMLElement>(null)
  const first = useRef(true)

  useEffect(() => {
    if (online && user) void flush()
  }, [online, user])

  // the shell is committed to the page with its handlers attached: scripts/budget.mjs measures up to this mark
  useLayoutEffect(() => {
    performance.mark('waqup-shell-interactive')
  }, [])

  // a new screen: move focus to it (screen readers announce the change, keyboard users start at its top)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    main.current?.focus()
  }, [location.pathname])

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="waQup home">
          waQup
        </NavLink>
        {user && (
          <span className="topbar-links">
            <NavLink to="/studio" className="topbar-link">
              Studio
            </NavLink>
            <NavLink to="/credits" className="topbar-link">
              Credits
            </NavLink>
          </span>
        )}
      </header>
      {!online && (
        <div className="offline-banner" role="status">
          You're offline. Downloaded practices still play; changes wait until you're back.
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Routes>
            <Route path="/login" element={<Login mode="login" />} />
            <Route path="/signup" element={<Login mode="signup" />} />
            <Route path="/" element={<Private><Home /></Private>} />
            <Route path="/create" element={<Private><Create /></Private>} />
            <Route path="/library" element={<Private><Library /></Private>} />
            <Route path="/library/:id" element={<Private><Item /></Private>} />
            <Route path="/progress" element={<Private><Progress /></Private>} />
            <Route path="/profile" element={<Private><Profile /></Private>} />
            <Route path="/credits" element={<Private><Credits /></Private>} />
            <Route path="/marketplace" element={<Private><Marketplace /></Private>} />
            <Route path="/marketplace/:id" element={<Private><PackDetail /></Private>} />
            <Route path="/studio" element={<Private><Studio /></Private>} />
            <Route path="/studio/packs/:id" element={<Private><PackEditor /></Private>} />
            <Route path="/studio/rewards" element={<Private><Rewards /></Private>} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      {user && (
        <nav className="tabbar" aria-label="Main">
          {NAV.map((n) => (
            <NavLink key={n.to} to={n.to} end={n.to === '/'}>
              {n.label}
            </NavLink>
          ))}
        </nav>
      )}
    </>
  )
}

/** Signed-in screens; anyone else goes to the login and comes back here afterwards. */
function Private({ children }: { children: ReactNode }) {
  const { user, expired, loggedOut } = useAuth()
  const location = useLocation()
  if (!user) {
    if (loggedOut) return <Navigate to="/login" replace />
    const next = encodeURIComponent(location.pathname + location.search)
    return <Navigate to={`/login?next=${next}${expired ? '&expired=1' : ''}`} replace />
  }
  return <>{children}</>
}
