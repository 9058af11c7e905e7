import { useState } from 'react'
import { api } from '../api/api'
import { ErrorNote } from '../ui/ErrorNote'
import { useAsync } from '../ui/useAsync'
import { leaveTo } from '../ui/leave'
import { BALANCE_BEFORE_KEY, money, packLabel, returnUrls } from './money'

/**
 * The credit packs for sale (credit-service's configuration, `GET /api/v1/credits/packs`). "Buy" opens the checkout
 * (`POST /api/v1/credits/purchase`): Stripe's page, or the offline sandbox page the gateway serves.
 */
export default function BuyCredits({ balance }: { balance?: number }) {
  const packs = useAsync(() => api.creditPacks(), [])
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const buy = async (packType: string) => {
    setBusy(packType)
    setError(null)
    try {
      const urls = returnUrls('/credits')
      const checkout = await api.buyCredits(packType, urls.success_url, urls.cancel_url)
      if (balance != null) sessionStorage.setItem(BALANCE_BEFORE_KEY, String(balance))
      leaveTo(checkout.checkout_url)
    } catch (e) {
      setError(e)
      setBusy(null)
    }
  }

  return (
    <section aria-labelledby="buy-title" className="stack-tight">
      <h2 id="buy-title">Buy credits</h2>
      <ErrorNote error={packs.error} onRetry={packs.reload} />
      {packs.loading && <p className="muted" role="status">Loading the credit packs…</p>}
      <ul className="tiles" aria-label="Credit packs">
        {packs.data?.packs.map((p) => (
          <li key={p.id} className="tile credit-pack">
            <span className="list-title">{packLabel(p.id)}</span>
            <span className="tile-value">{p.credits}</span>
            <span className="tile-label">credits for {money(p.price_cents, p.currency)}</span>
            <button type="button" className="button" disabled={busy !== null} onClick={() => buy(p.id)}
              aria-describedby="buy-hint">
              {busy === p.id ? 'Opening the checkout…' : `Buy ${packLabel(p.id)}`}
            </button>
          </li>
        ))}
      </ul>
      <p id="buy-hint" className="hint">You pay on the checkout page and come back here. Credits never expire.</p>
      <ErrorNote error={error} />
    </section>
  )
}
