import { Link } from 'react-router'
import { api } from '../api/api'
import { useAuth } from '../auth/AuthContext'
import { ErrorNote } from '../ui/ErrorNote'
import { minutes, TYPE_LABEL } from '../ui/format'
import { useAsync } from '../ui/useAsync'

/**
 * Today: streak, balance, the latest practices, the way to create one, and packs recommended from what the person
 * practises (the catalog's recommendations; the section stays away when the catalog cannot answer: home is not the
 * place for a marketplace error).
 */
export default function Home() {
  const { user } = useAuth()
  const stats = useAsync(() => api.stats(), [])
  const balance = useAsync(() => api.balance(), [])
  const recent = useAsync(() => api.library({ limit: 3 }), [])
  const picks = useAsync(() => api.recommendations(), [])
  const recommendations = (picks.data?.recommendations ?? []).slice(0, 3)
  return (
    <div className="stack">
      <h1>Hello{user ? `, ${user.email.split('@')[0]}` : ''}</h1>
      <div className="tiles">
        <div className="tile">
          <span className="tile-value" data-testid="streak">{stats.data?.current_streak ?? '–'}</span>
          <span className="tile-label">day streak</span>
        </div>
        <div className="tile">
          <span className="tile-value">{stats.data?.total_minutes ?? '–'}</span>
          <span className="tile-label">minutes practised</span>
        </div>
        <Link to="/credits" className="tile">
          <span className="tile-value" data-testid="balance">{balance.data?.balance ?? '–'}</span>
          <span className="tile-label">credits</span>
        </Link>
      </div>
      <Link to="/create" className="button button-large">Create a practice</Link>
      <section aria-labelledby="recent-title" className="stack">
        <h2 id="recent-title">Latest</h2>
        <ErrorNote error={recent.error ?? stats.error} onRetry={() => { recent.reload(); stats.reload() }} />
        {recent.data && recent.data.content_items.length === 0 && (
          <p className="muted">Nothing yet. Your first practice is a minute's talk away.</p>
        )}
        <ul className="list">
          {recent.data?.content_items.map((item) => (
            <li key={item.id}>
              <Link to={`/library/${item.id}`} className="list-item">
                <span className="list-title">{item.title}</span>
                <span className="muted">{TYPE_LABEL[item.content_type]} · {minutes(item.duration)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {recommendations.length > 0 && (
        <section aria-labelledby="picks-title" className="stack-tight">
          <h2 id="picks-title">Recommended for you</h2>
          <ul className="list" aria-label="Recommended packs">
            {recommendations.map((r) => (
              <li key={r.pack_id}>
                <Link to={`/marketplace/${r.pack_id}`} className="list-item">
                  <span className="list-title">{r.title}</span>
                  <span className="muted recommendation-reason">{r.reason}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p><Link to="/marketplace">Explore the marketplace</Link></p>
        </section>
      )}
    </div>
  )
}
