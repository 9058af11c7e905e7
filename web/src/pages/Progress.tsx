import { api } from '../api/api'
import type { PracticeEvent } from '../api/types'
import { ErrorNote } from '../ui/ErrorNote'
import { dateTime, minutes, TYPE_LABEL } from '../ui/format'
import { useAsync } from '../ui/useAsync'

/** Streak, minutes, practices per week (a small chart, with the same figures as a table) and the history. */
export default function Progress() {
  const stats = useAsync(() => api.stats(), [])
  const history = useAsync(() => api.history(1, 100), [])
  const weeks = practicesPerWeek(history.data?.practice_events ?? [], 8)
  const s = stats.data
  return (
    <div className="stack">
      <h1>Progress</h1>
      <ErrorNote error={stats.error ?? history.error} onRetry={() => { stats.reload(); history.reload() }} />
      <div className="tiles">
        <div className="tile"><span className="tile-value" data-testid="current-streak">{s?.current_streak ?? '–'}</span><span className="tile-label">day streak</span></div>
        <div className="tile"><span className="tile-value">{s?.longest_streak ?? '–'}</span><span className="tile-label">longest streak</span></div>
        <div className="tile"><span className="tile-value">{s?.total_sessions ?? '–'}</span><span className="tile-label">practices</span></div>
        <div className="tile"><span className="tile-value">{s?.total_minutes ?? '–'}</span><span className="tile-label">minutes</span></div>
      </div>
      <section aria-labelledby="week-title" className="card stack-tight">
        <h2 id="week-title">Practices per week</h2>
        <WeekChart weeks={weeks} />
      </section>
      <section aria-labelledby="history-title" className="stack-tight">
        <h2 id="history-title">History</h2>
        {history.data && history.data.practice_events.length === 0 && <p className="muted">No practice yet.</p>}
        <ul className="list">
          {history.data?.practice_events.map((e) => (
            <li key={e.id} className="list-item">
              <span className="list-title">{e.ritual_title}</span>
              <span className="muted">
                {TYPE_LABEL[e.content_type] ?? ''} · {dateTime(e.started_at)} ·{' '}
                {e.status === 'completed' ? `completed, ${minutes(e.duration ?? 0)}` : 'started'}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

export interface Week {
  start: Date
  count: number
}

/** Completed practices in each of the last n weeks (weeks start on Monday, local time), oldest first. */
export function practicesPerWeek(events: PracticeEvent[], n: number, now: Date = new Date()): Week[] {
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7))
  const weeks: Week[] = []
  for (let i = n - 1; i >= 0; i--) {
    const start = new Date(monday)
    start.setDate(monday.getDate() - 7 * i)
    weeks.push({ start, count: 0 })
  }
  for (const e of events) {
    if (e.status !== 'completed') continue
    const t = new Date(e.started_at)
    for (let i = weeks.length - 1; i >= 0; i--) {
      if (t >= weeks[i].start) {
        const end = new Date(weeks[i].start)
        end.setDate(end.getDate() + 7)
        if (t < end) weeks[i].count++
        break
      }
    }
  }
  return weeks
}

function WeekChart({ weeks }: { weeks: Week[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.count))
  const label = (d: Date) => d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
  const W = 320
  const H = 120
  const bar = W / weeks.length
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 20}`} role="img" aria-labelledby="chart-desc" className="chart-svg">
        <desc id="chart-desc">
          Practices per week for the last {weeks.length} weeks: {weeks.map((w) => `${label(w.start)}: ${w.count}`).join(', ')}
        </desc>
        {weeks.map((w, i) => {
          const h = (w.count / max) * (H - 16)
          return (
            <g key={i}>
              <rect x={i * bar + 6} y={H - h} width={bar - 12} height={Math.max(h, 1)} rx={3} className="chart-bar" />
              {w.count > 0 && <text x={i * bar + bar / 2} y={H - h - 4} textAnchor="middle" className="chart-value">{w.count}</text>}
              <text x={i * bar + bar / 2} y={H + 14} textAnchor="middle" className="chart-label">{label(w.start)}</text>
            </g>
          )
        })}
      </svg>
      <figcaption className="visually-hidden">
        <table>
          <thead><tr><th>Week of</th><th>Practices</th></tr></thead>
          <tbody>{weeks.map((w, i) => <tr key={i}><td>{label(w.start)}</td><td>{w.count}</td></tr>)}</tbody>
        </table>
      </figcaption>
    </figure>
  )
}
