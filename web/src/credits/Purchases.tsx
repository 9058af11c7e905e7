import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, ApiError } from '../api/api'
import type { Purchase } from '../api/types'
import { ErrorNote } from '../ui/ErrorNote'
import { dateTime } from '../ui/format'
import { useAsync } from '../ui/useAsync'
import { money, packLabel } from './money'

const STATUS: Record<string, string> = {
  succeeded: 'paid',
  partially_refunded: 'partly refunded',
  refunded: 'refunded',
}

/** What the purchase was, in words: a pack by its title (from the catalog), or a credit pack with its credits. */
function what(p: Purchase, titles: Map<string, string>) {
  if (p.pack_id) {
    const title = titles.get(p.pack_id) || 'A pack'
    return <Link to={`/marketplace/${encodeURIComponent(p.pack_id)}`}>{title}</Link>
  }
  const name = p.credit_pack ? packLabel(p.credit_pack) : 'Credits'
  return <>{name}{p.credits ? ` · ${p.credits} credits` : ''}</>
}

/** `amount_minor` (cents) when given, else the decimal `amount`; a free claim is "Free". */
function amount(p: Purchase): string {
  const minor = p.amount_minor ?? (p.amount != null ? Math.round(p.amount * 100) : null)
  if (minor == null) return ''
  return minor === 0 ? 'Free' : money(minor, p.currency)
}

/**
 * Payments name a pack by id only: its title comes from the catalog (one question per pack on the page); a pack that
 * left the marketplace (404) is said so.
 */
function usePackTitles(purchases: Purchase[] | undefined): Map<string, string> {
  const [titles, setTitles] = useState<Map<string, string>>(new Map())
  const ids = Array.from(new Set((purchases ?? []).filter((p) => p.pack_id).map((p) => p.pack_id!)))
  const key = ids.join(',')
  useEffect(() => {
    const missing = ids.filter((id) => !titles.has(id))
    if (missing.length === 0) return
    let live = true
    void Promise.all(missing.map((id) => api.catalogPack(id).then((p) => [id, p.title] as const,
      (e: unknown) => [id, e instanceof ApiError && e.status === 404 ? 'A pack no longer in the marketplace' : null] as const)))
      .then((found) => {
        if (!live) return
        setTitles((current) => {
          const next = new Map(current)
          for (const [id, title] of found) if (title) next.set(id, title)
          return next
        })
      })
    return () => { live = false }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return titles
}

/** The person's purchases, newest first (`GET /api/v1/payments/purchases`). */
export default function Purchases() {
  const [page, setPage] = useState(1)
  const list = useAsync(() => api.purchases(page), [page])
  const titles = usePackTitles(list.data?.purchases)
  // a platform whose payment-service has no purchase history yet answers the gateway's plain 404: said as such
  const unavailable = list.error instanceof ApiError && list.error.code === 'NOT_FOUND'
  return (
    <section aria-labelledby="purchases-title" className="stack-tight">
      <h2 id="purchases-title">Purchases</h2>
      {unavailable ? <p className="muted">Your purchase history isn't available yet.</p>
        : <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.data && list.data.purchases.length === 0 && <p className="muted">No purchases yet.</p>}
      <ul className="list" aria-label="Purchases">
        {list.data?.purchases.map((p) => (
          <li key={p.id} className="list-item list-item-row">
            <span>
              <span className="list-title">{what(p, titles)}</span>
              <span className="muted">
                {dateTime(p.created_at)} · {STATUS[p.status] ?? p.status}
                {p.refunded_at ? ` · refunded ${dateTime(p.refunded_at)}` : ''}
              </span>
            </span>
            <span className="amount">{amount(p)}</span>
          </li>
        ))}
      </ul>
      {list.data && (list.data.pagination.has_prev || list.data.pagination.has_next) && (
        <div className="actions">
          <button type="button" className="button-secondary" disabled={!list.data.pagination.has_prev} onClick={() => setPage(page - 1)}>Newer</button>
          <button type="button" className="button-secondary" disabled={!list.data.pagination.has_next} onClick={() => setPage(page + 1)}>Older</button>
        </div>
      )}
    </section>
  )
}
