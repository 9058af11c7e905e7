import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api, ApiError } from '../api/api'
import { plainMessage } from '../api/errors'
import { ErrorNote } from '../ui/ErrorNote'
import { dateTime } from '../ui/format'
import { useAsync } from '../ui/useAsync'

/** reward-service's entry types (docs/rewards.md) in words. */
const KIND: Record<string, string> = {
  purchase: 'A pack was bought',
  renewal: 'A subscription renewed',
  practice: 'Someone practised',
  refund: 'A purchase was refunded',
  payout: 'Payout requested (tokens held)',
  payout_release: 'Payout not made, tokens back',
  payout_paid: 'Payout made',
}

const kind = (type: string) => KIND[type] ?? type.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())

/**
 * A creator's rewards (reward-service): the token balance, every entry with what earned it, and a payout request
 * (at least the minimum, at most the balance; the tokens are held while the payout is pending).
 */
export default function Rewards() {
  const [page, setPage] = useState(1)
  const balance = useAsync(() => api.rewardBalance(), [])
  const history = useAsync(() => api.rewardHistory(page), [page])
  const reload = () => {
    balance.reload()
    history.reload()
  }
  const b = balance.data
  // a platform whose reward-service does not serve rewards yet answers the plain 404: one sentence, no retry to press
  const unavailable = balance.error instanceof ApiError && balance.error.code === 'NOT_FOUND'
  if (unavailable) {
    return (
      <div className="stack">
        <p><Link to="/studio">← Creator studio</Link></p>
        <h1>Rewards</h1>
        <p className="note" role="status">Rewards aren't available yet. What your packs earn will show here.</p>
      </div>
    )
  }
  return (
    <div className="stack">
      <p><Link to="/studio">← Creator studio</Link></p>
      <h1>Rewards</h1>
      <p className="muted">
        You earn tokens when people buy your packs and when they practise with them. Your own plays and purchases earn
        nothing; a refund takes back what its purchase earned.
      </p>
      <ErrorNote error={balance.error} onRetry={balance.reload} />
      <div className="tiles">
        <div className="tile">
          <span className="tile-value" data-testid="reward-balance">{b?.balance ?? '–'}</span>
          <span className="tile-label">tokens available</span>
        </div>
        {b?.pending_payouts != null && b.pending_payouts > 0 && (
          <div className="tile">
            <span className="tile-value">{b.pending_payouts}</span>
            <span className="tile-label">tokens in a pending payout</span>
          </div>
        )}
        {b?.total_earned != null && (
          <div className="tile">
            <span className="tile-value">{b.total_earned}</span>
            <span className="tile-label">tokens earned in all</span>
          </div>
        )}
      </div>
      {b && <PayoutForm available={b.balance} minimum={b.minimum_payout ?? null} onDone={reload} />}

      <section aria-labelledby="reward-history-title" className="stack-tight">
        <h2 id="reward-history-title">History</h2>
        <ErrorNote error={history.error} onRetry={history.reload} />
        {history.data && history.data.entries.length === 0 && <p className="muted">No tokens yet. Publish a pack to start earning.</p>}
        <ul className="list" aria-label="Reward history">
          {history.data?.entries.map((e) => (
            <li key={e.id} className="list-item list-item-row">
              <span>
                <span className="list-title">{kind(e.type)}</span>
                <span className="muted">
                  {dateTime(e.created_at)}
                  {e.pack_id && <> · <Link to={`/studio/packs/${encodeURIComponent(e.pack_id)}`}>the pack</Link></>}
                </span>
              </span>
              <span className={e.amount < 0 ? 'amount amount-out' : 'amount amount-in'}>
                {e.amount > 0 ? `+${e.amount}` : e.amount}
              </span>
            </li>
          ))}
        </ul>
        {history.data && (history.data.pagination.has_prev || history.data.pagination.has_next) && (
          <div className="actions">
            <button type="button" className="button-secondary" disabled={!history.data.pagination.has_prev} onClick={() => setPage(page - 1)}>Newer</button>
            <button type="button" className="button-secondary" disabled={!history.data.pagination.has_next} onClick={() => setPage(page + 1)}>Older</button>
          </div>
        )}
      </section>
    </div>
  )
}

/** The amount is checked here first (a whole number, at least the minimum, at most the balance); then by the platform. */
export function PayoutForm({ available, minimum, onDone }: { available: number; minimum: number | null; onDone: () => void }) {
  const [amount, setAmount] = useState('')
  const [problem, setProblem] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setDone(null)
    const text = amount.trim()
    const value = Number(text)
    if (!/^\d+$/.test(text) || value <= 0) {
      setProblem('Please enter a whole number of tokens, like 100.')
      return
    }
    if (minimum != null && value < minimum) {
      setProblem(`The smallest payout is ${minimum} tokens.`)
      return
    }
    if (value > available) {
      setProblem(`You have ${available} tokens available: please ask for at most that.`)
      return
    }
    setProblem('')
    setBusy(true)
    try {
      await api.requestPayout(value)
      setDone(value)
      setAmount('')
      onDone()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="payout-title" className="card stack-tight">
      <h2 id="payout-title">Request a payout</h2>
      <form className="stack-tight" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="payout-amount">Tokens to pay out</label>
          <input id="payout-amount" inputMode="numeric" autoComplete="off" value={amount}
            onChange={(e) => { setAmount(e.target.value); setProblem('') }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'payout-problem' : 'payout-hint'} />
          <span id="payout-hint" className="hint">
            {minimum != null ? `At least ${minimum}, at most ${available}.` : `At most ${available}.`} The tokens are held until the payout is made.
          </span>
          {problem && <p id="payout-problem" className="field-error" role="alert">{problem}</p>}
        </div>
        <button type="submit" className="button" disabled={busy}>Request payout</button>
      </form>
      {done != null && <p className="note" role="status">Payout of {done} tokens requested. The tokens are held until it is made.</p>}
      {error != null && <div className="note note-error" role="alert"><p>{plainMessage(error)}</p></div>}
    </section>
  )
}
