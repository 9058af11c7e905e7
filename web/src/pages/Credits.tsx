import { lazy, Suspense, useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../api/api'
import { BALANCE_BEFORE_KEY } from '../credits/money'
import { ErrorNote } from '../ui/ErrorNote'
import { dateTime, TYPE_LABEL } from '../ui/format'
import { useAsync } from '../ui/useAsync'

const KIND: Record<string, string> = {
  purchase: 'Bought',
  consumption: 'Used',
  refund: 'Given back',
  grant: 'Gift',
  adjustment: 'Adjustment',
}

// buying and the purchase history: chunks of their own, fetched once the screen is open
const BuyCredits = lazy(() => import('../credits/BuyCredits'))
const Purchases = lazy(() => import('../credits/Purchases'))

/** How often, and how long, the balance is asked again after a payment (the credits follow Stripe's webhook). */
export const purchasePolling = { intervalMs: 2000, attempts: 30 }

/**
 * Balance and every movement, the credit packs to buy, and the purchases. Back from the checkout
 * (`?purchase=success`), the screen says the payment is received and asks the balance again until the credits are in;
 * `?purchase=cancelled` says nothing was charged.
 */
export default function Credits() {
  const [page, setPage] = useState(1)
  const [params] = useSearchParams()
  const outcome = params.get('purchase')
  const balance = useAsync(() => api.balance(), [])
  const list = useAsync(() => api.transactions(page), [page])
  const arrived = useArrival(outcome === 'success' && !balance.loading, balance.data?.balance, balance.reload, list.reload)
  return (
    <div className="stack">
      <h1>Credits</h1>
      {outcome === 'success' && (
        <div className="note" role="status">
          <p>{arrived ? 'Payment received. Your new credits are here.' : 'Payment received. Your credits arrive in a moment.'}</p>
        </div>
      )}
      {outcome === 'cancelled' && (
        <div className="note" role="status"><p>The payment was cancelled. Nothing was charged.</p></div>
      )}
      <ErrorNote error={balance.error ?? list.error} onRetry={() => { balance.reload(); list.reload() }} />
      <div className="tiles">
        <div className="tile">
          <span className="tile-value" data-testid="credit-balance">{balance.data?.balance ?? '–'}</span>
          <span className="tile-label">credits available</span>
        </div>
      </div>
      <p className="muted">
        An affirmation set or a ritual costs 1 credit, a guided meditation 2. Replaying what you created is always free.
        {balance.data && !balance.data.free_tier_used && ' Your first creation is free.'}
      </p>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <BuyCredits balance={balance.data?.balance} />
      </Suspense>
      <section aria-labelledby="tx-title" className="stack-tight">
        <h2 id="tx-title">Activity</h2>
        {list.data && list.data.transactions.length === 0 && <p className="muted">No activity yet.</p>}
        <ul className="list">
          {list.data?.transactions.map((t) => (
            <li key={t.id} className="list-item list-item-row">
              <span>
                <span className="list-title">{KIND[t.type] ?? t.type}{t.content_type ? ` · ${TYPE_LABEL[t.content_type]}` : ''}</span>
                <span className="muted">{dateTime(t.created_at)}{t.status === 'pending' ? ' · pending' : ''}</span>
              </span>
              <span className={t.amount < 0 ? 'amount amount-out' : 'amount amount-in'}>
                {t.amount > 0 ? `+${t.amount}` : t.amount}
              </span>
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
      <Suspense fallback={null}>
        {/* asked again once the new credits are in: the purchase is listed by then */}
        <Purchases key={arrived ? 'after' : 'before'} />
      </Suspense>
    </div>
  )
}

/**
 * After a payment: asks the balance again (every `purchasePolling.intervalMs`, at most `attempts` times) until it is
 * above what it was before the checkout (kept in sessionStorage by BuyCredits). Answers whether the credits are in.
 */
function useArrival(active: boolean, balance: number | undefined, reloadBalance: () => void, reloadList: () => void) {
  const [before] = useState(() => {
    const kept = sessionStorage.getItem(BALANCE_BEFORE_KEY)
    return kept == null ? null : Number(kept)
  })
  const [tries, setTries] = useState(0)
  const [seen, setSeen] = useState(false)
  const arrived = seen || (active && balance != null && before != null && balance > before)
  useEffect(() => {
    if (!active || balance == null) return
    if (arrived) {
      if (seen) return
      setSeen(true)
      sessionStorage.removeItem(BALANCE_BEFORE_KEY)
      reloadList()
      return
    }
    if (tries >= purchasePolling.attempts) return
    const timer = setTimeout(() => {
      setTries((n) => n + 1)
      reloadBalance()
    }, purchasePolling.intervalMs)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, balance, arrived, tries])
  return arrived
}
