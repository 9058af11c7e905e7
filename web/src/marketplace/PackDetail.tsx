import { useEffect, useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { api } from '../api/api'
import { plainMessage } from '../api/errors'
import type { CatalogPackDetail, Review } from '../api/types'
import { ErrorNote } from '../ui/ErrorNote'
import { date, minutes } from '../ui/format'
import { useAsync } from '../ui/useAsync'
import { price, PRICE_TYPE_LABEL, ratingText, stars } from './format'
import { returnUrls } from '../credits/money'
import { leaveTo } from '../ui/leave'

export const REVIEW_MAX = 2000

/** After a payment, the pack is asked again until access is granted (it follows Stripe's webhook). */
export const accessPolling = { intervalMs: 2000, attempts: 30 }

/**
 * A pack of the marketplace: what is in it, its price and ratings, and the way to get it (a free pack is claimed at
 * once; paid checkout follows when the platform serves it) and, for people who have it, to review it.
 */
export default function PackDetail() {
  const { id = '' } = useParams()
  const [params] = useSearchParams()
  const outcome = params.get('purchase')
  const pack = useAsync(() => api.catalogPack(id), [id])
  const reviews = useAsync(() => api.reviews(id), [id])
  const [claimed, setClaimed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [getError, setGetError] = useState<unknown>(null)
  const [tries, setTries] = useState(0)
  const waiting = outcome === 'success' && pack.data != null && !pack.data.user_has_access && !pack.loading
  useEffect(() => {
    // one question at a time: the next one is planned once the last answer is in
    if (!waiting || tries >= accessPolling.attempts) return
    const timer = setTimeout(() => {
      setTries((n) => n + 1)
      pack.reload()
    }, accessPolling.intervalMs)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting, tries])

  if (pack.error) return <div className="stack"><h1>Pack</h1><ErrorNote error={pack.error} onRetry={pack.reload} /></div>
  if (!pack.data) return <p className="muted" role="status">Loading…</p>
  const p = pack.data
  const hasAccess = p.user_has_access || claimed

  const get = async () => {
    setBusy(true)
    setGetError(null)
    try {
      const answer = await api.checkout(p.id, p.price_type,
        p.price_type === 'free' ? undefined : returnUrls(`/marketplace/${encodeURIComponent(p.id)}`))
      if (answer.checkout_url) {
        leaveTo(answer.checkout_url)
        return
      }
      if (answer.access_granted || answer.already_owned) setClaimed(true)
    } catch (e) {
      setGetError(e)
    } finally {
      setBusy(false)
    }
  }

  const mine = reviews.data?.reviews.find((r) => r.mine)
  const rating = reviews.data?.rating ?? p.rating
  const count = reviews.data?.review_count ?? p.review_count
  return (
    <div className="stack">
      <p><Link to="/marketplace">← Marketplace</Link></p>
      <h1>{p.title}</h1>
      <p className="muted">by {p.creator.name}{p.published_at ? ` · published ${date(p.published_at)}` : ''}</p>
      <p data-testid="pack-rating"><span aria-hidden="true">{stars(rating)} </span>{ratingText(rating, count)}</p>
      {p.description && <p>{p.description}</p>}
      {p.tags.length > 0 && <p className="muted">Tags: {p.tags.join(', ')}</p>}

      <section aria-labelledby="get-title" className="card stack-tight">
        <h2 id="get-title">{price(p)}<span className="visually-hidden"> ({PRICE_TYPE_LABEL[p.price_type]})</span></h2>
        {outcome === 'success' && !hasAccess && (
          <p className="note" role="status">Payment received. The pack arrives in your library in a moment.</p>
        )}
        {outcome === 'cancelled' && !hasAccess && (
          <p className="note" role="status">The payment was cancelled. Nothing was charged.</p>
        )}
        {hasAccess ? (
          <div className="note" role="status">
            <p>{claimed ? 'Added to your library. Its practices appear there in a moment.' : 'This pack is in your library.'}</p>
            <p><Link to={`/library?pack=${encodeURIComponent(p.id)}`}>Open its practices in your library</Link></p>
          </div>
        ) : (
          <>
            <button type="button" className="button" onClick={get} disabled={busy}>
              {busy ? 'Please wait…' : p.price_type === 'free' ? 'Add to my library (free)' : `Buy for ${price(p)}`}
            </button>
            {p.price_type !== 'free' && (
              <p className="hint">
                You pay on the checkout page and come back here.
                {p.price_type === 'subscription' && ' The subscription renews until you cancel it; you keep access to the end of the paid period.'}
              </p>
            )}
          </>
        )}
        <ErrorNote error={getError} />
      </section>

      <section aria-labelledby="contents-title" className="stack-tight">
        <h2 id="contents-title">In this pack</h2>
        <ol className="list" aria-label="Practices in this pack">
          {p.rituals.map((r) => (
            <li key={r.id} className="list-item">
              <span className="list-title">{r.title}</span>
              <span className="muted">{r.practice_type.replace(/_/g, ' ')} · {minutes(r.duration)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="reviews-title" className="stack-tight">
        <h2 id="reviews-title">Reviews</h2>
        {hasAccess ? (
          <ReviewForm key={reviews.data ? 'loaded' : 'loading'} pack={p} mine={mine} onSaved={reviews.reload} />
        ) : (
          <p className="muted">Get this pack to review it.</p>
        )}
        <ErrorNote error={reviews.error} onRetry={reviews.reload} />
        {reviews.data && reviews.data.reviews.length === 0 && <p className="muted">No reviews yet.</p>}
        <ul className="list" aria-label="Reviews">
          {reviews.data?.reviews.map((r, i) => (
            <li key={i} className="list-item">
              <span className="list-title">
                <span aria-hidden="true">{stars(r.rating)} </span>
                <span className="visually-hidden">{r.rating} out of 5</span>
                {r.mine && ' · your review'}
              </span>
              {r.text && <span>{r.text}</span>}
              <span className="muted">{date(r.updated_at ?? r.created_at)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

/** One review per person and pack: a second one replaces the first. */
export function ReviewForm({ pack, mine, onSaved }: { pack: CatalogPackDetail; mine?: Review; onSaved: () => void }) {
  const [rating, setRating] = useState<number>(mine?.rating ?? 0)
  const [text, setText] = useState(mine?.text ?? '')
  const [problem, setProblem] = useState<{ field: 'rating' | 'text'; message: string } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    setError(null)
    if (rating < 1 || rating > 5) {
      setProblem({ field: 'rating', message: 'Please choose a rating from 1 to 5 stars.' })
      return
    }
    if (text.length > REVIEW_MAX) {
      setProblem({ field: 'text', message: `Please keep your review under ${REVIEW_MAX} characters (it has ${text.length}).` })
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await api.review(pack.id, rating, text.trim())
      setSaved(true)
      onSaved()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card stack-tight" onSubmit={submit} noValidate aria-label="Your review">
      <fieldset aria-describedby={problem?.field === 'rating' ? 'rating-problem' : undefined}
        aria-invalid={problem?.field === 'rating' || undefined}>
        <legend>{mine ? 'Your rating (you can change it)' : 'Your rating'}</legend>
        <div className="actions">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="check">
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
              {n} star{n === 1 ? '' : 's'}
            </label>
          ))}
        </div>
        {problem?.field === 'rating' && <p id="rating-problem" className="field-error" role="alert">{problem.message}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor="review-text">Your review (optional)</label>
        <textarea id="review-text" rows={4} value={text} onChange={(e) => setText(e.target.value)}
          aria-invalid={problem?.field === 'text' || undefined}
          aria-describedby={problem?.field === 'text' ? 'text-problem' : 'text-count'} />
        <span id="text-count" className="hint">{text.length} / {REVIEW_MAX}</span>
        {problem?.field === 'text' && <p id="text-problem" className="field-error" role="alert">{problem.message}</p>}
      </div>
      <button type="submit" className="button" disabled={busy}>{mine ? 'Update review' : 'Post review'}</button>
      {saved && <p className="note" role="status">Thank you: your review is posted.</p>}
      {error != null && <div className="note note-error" role="alert"><p>{plainMessage(error)}</p></div>}
    </form>
  )
}
