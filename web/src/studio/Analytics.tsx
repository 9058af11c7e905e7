import { useState } from 'react'
import { api } from '../api/api'
import type { PackDay } from '../api/types'
import { ErrorNote } from '../ui/ErrorNote'
import { useAsync } from '../ui/useAsync'

const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** The pack's figures over a range of UTC days (the last 30 by default) and a small chart of each day. */
export function AnalyticsSection({ packId }: { packId: string }) {
  const [days, setDays] = useState(30)
  const to = new Date()
  const from = new Date(to.getTime() - (days - 1) * 86_400_000)
  const range = { from: isoDay(from), to: isoDay(to) }
  const data = useAsync(() => api.packAnalytics(packId, range.from, range.to), [packId, range.from, range.to])
  const a = data.data
  return (
    <section aria-labelledby="analytics-title" className="card stack-tight">
      <h2 id="analytics-title">Analytics</h2>
      <div className="field">
        <label htmlFor="analytics-range">Period</label>
        <select id="analytics-range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          <option value={7}>Last 7 days</option>
          <option value={30}>Last 30 days</option>
          <option value={90}>Last 90 days</option>
          <option value={365}>Last year</option>
        </select>
      </div>
      <ErrorNote error={data.error} onRetry={data.reload} />
      {a && (
        <>
          <div className="tiles">
            <div className="tile"><span className="tile-value">{a.claims + a.purchases}</span><span className="tile-label">new owners ({a.claims} free, {a.purchases} bought)</span></div>
            <div className="tile"><span className="tile-value" data-testid="analytics-plays">{a.plays}</span><span className="tile-label">plays</span></div>
            <div className="tile"><span className="tile-value">{a.completions}</span><span className="tile-label">completions</span></div>
            <div className="tile"><span className="tile-value">{a.unique_practitioners}</span><span className="tile-label">people practising</span></div>
            <div className="tile">
              <span className="tile-value">{a.rating?.average != null ? Number(a.rating.average).toFixed(1) : '–'}</span>
              <span className="tile-label">rating ({a.rating?.count ?? 0})</span>
            </div>
          </div>
          <DailyChart days={a.daily} />
        </>
      )}
    </section>
  )
}

const SERIES: { key: keyof Omit<PackDay, 'date'>; label: string; className: string }[] = [
  { key: 'plays', label: 'Plays', className: 'chart-line-plays' },
  { key: 'completions', label: 'Completions', className: 'chart-line-completions' },
  { key: 'claims', label: 'New owners', className: 'chart-line-owners' },
]

const value = (d: PackDay, key: (typeof SERIES)[number]['key']) => (key === 'claims' ? d.claims + d.purchases : d[key])

/** Lines of plays, completions and new owners per day; an inline SVG (no chart library), with the figures as a table. */
export function DailyChart({ days }: { days: PackDay[] }) {
  const W = 320
  const H = 120
  const max = Math.max(1, ...days.flatMap((d) => SERIES.map((s) => value(d, s.key))))
  const x = (i: number) => (days.length <= 1 ? W / 2 : 8 + (i * (W - 16)) / (days.length - 1))
  const y = (v: number) => H - 4 - (v / max) * (H - 16)
  const shown = days.filter((d) => SERIES.some((s) => value(d, s.key) > 0))
  const totals = SERIES.map((s) => `${s.label.toLowerCase()} ${days.reduce((n, d) => n + value(d, s.key), 0)}`).join(', ')
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 20}`} role="img" aria-labelledby="daily-desc" className="chart-svg">
        <desc id="daily-desc">
          Per day from {days[0]?.date ?? ''} to {days[days.length - 1]?.date ?? ''}: {totals}. The table below has each day.
        </desc>
        <line x1={0} x2={W} y1={H - 4} y2={H - 4} className="chart-axis" />
        <text x={2} y={10} className="chart-label">{max}</text>
        {SERIES.map((s) => (
          <polyline key={s.key} fill="none" className={s.className}
            points={days.map((d, i) => `${x(i).toFixed(1)},${y(value(d, s.key)).toFixed(1)}`).join(' ')} />
        ))}
        {days.length > 0 && (
          <>
            <text x={2} y={H + 14} className="chart-label">{days[0].date.slice(5)}</text>
            <text x={W - 2} y={H + 14} textAnchor="end" className="chart-label">{days[days.length - 1].date.slice(5)}</text>
          </>
        )}
      </svg>
      <p className="chart-legend" aria-hidden="true">
        {SERIES.map((s) => <span key={s.key} className={`legend ${s.className}`}>{s.label}</span>)}
      </p>
      <figcaption className="visually-hidden">
        <table>
          <thead><tr><th>Day</th>{SERIES.map((s) => <th key={s.key}>{s.label}</th>)}</tr></thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.date}><td>{d.date}</td>{SERIES.map((s) => <td key={s.key}>{value(d, s.key)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  )
}
