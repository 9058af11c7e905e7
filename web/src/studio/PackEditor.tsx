import { useEffect, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { api, ApiError } from '../api/api'
import type { ContentSummary, PackMetadata, PriceType, StudioPack } from '../api/types'
import { ErrorNote } from '../ui/ErrorNote'
import { date, minutes } from '../ui/format'
import { useAsync } from '../ui/useAsync'
import { parseTags, PRICE_TYPE_LABEL } from '../marketplace/format'
import { AnalyticsSection } from './Analytics'
import { STATUS_LABEL } from './Studio'

export const CURRENCIES = ['usd', 'eur', 'gbp']

export interface Slot {
  content_id: string
  title: string
  duration: number | null
}

/** Moves the slot at `index` by `delta` places (-1 up, +1 down); out of range changes nothing. */
export function move(slots: Slot[], index: number, delta: number): Slot[] {
  const to = index + delta
  if (index < 0 || index >= slots.length || to < 0 || to >= slots.length) return slots
  const next = slots.slice()
  const [slot] = next.splice(index, 1)
  next.splice(to, 0, slot)
  return next
}

/**
 * One pack in the studio: its details and price, its practices (from the creator's own library, in order), publish
 * and archive, and its analytics once published. A published pack's changes are published as the next revision when
 * saved (creator-service does that), which the page says before a save.
 */
export default function PackEditor() {
  const { id = '' } = useParams()
  const loaded = useAsync(() => api.studioPack(id), [id])
  if (loaded.error) return <div className="stack"><h1>Pack</h1><ErrorNote error={loaded.error} onRetry={loaded.reload} /></div>
  if (!loaded.data) return <p className="muted" role="status">Loading…</p>
  return <Editor key={loaded.data.id} initial={loaded.data} />
}

function Editor({ initial }: { initial: StudioPack }) {
  const [pack, setPack] = useState(initial)
  const archived = pack.status === 'archived'
  return (
    <div className="stack">
      <p><Link to="/studio">← Creator studio</Link></p>
      <h1>{pack.title || 'Untitled pack'}</h1>
      <p className="muted" data-testid="pack-status">
        {STATUS_LABEL[pack.status]}{pack.revision > 0 && ` · revision ${pack.revision}`}
        {pack.published_at && ` · published ${date(pack.published_at)}`}
      </p>
      {pack.status === 'published' && (
        <p className="note">This pack is live: every change you save is published at once as a new revision. People who already have it keep what they got.</p>
      )}
      {archived && <p className="note">This pack is archived: it is out of the marketplace and can no longer change. People who have it keep it.</p>}
      <Details pack={pack} onSaved={setPack} />
      <Items pack={pack} onSaved={setPack} />
      <Lifecycle pack={pack} onChanged={setPack} />
      {pack.status !== 'draft' && <AnalyticsSection packId={pack.id} />}
    </div>
  )
}

function Details({ pack, onSaved }: { pack: StudioPack; onSaved: (p: StudioPack) => void }) {
  const [title, setTitle] = useState(pack.title)
  const [description, setDescription] = useState(pack.description ?? '')
  const [priceType, setPriceType] = useState<PriceType>(pack.price_type)
  const [amount, setAmount] = useState(pack.price_type === 'free' ? '' : String(pack.price_amount))
  const [currency, setCurrency] = useState(pack.currency || 'usd')
  const [interval, setBilling] = useState(pack.subscription_interval ?? 'monthly')
  const [tags, setTags] = useState(pack.tags.join(', '))
  const [error, setError] = useState<unknown>(null)
  const [priceProblem, setPriceProblem] = useState('')
  const [saved, setSaved] = useState(false)
  const disabled = pack.status === 'archived'

  const save = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setSaved(false)
    if (priceType !== 'free' && !/^\d{1,3}(\.\d{1,2})?$/.test(amount.trim())) {
      setPriceProblem('Please enter a price like 9.99 (at most two decimals).')
      return
    }
    setPriceProblem('')
    const metadata: PackMetadata = {
      title: title.trim(),
      description: description.trim(),
      price_type: priceType,
      price_amount: priceType === 'free' ? 0 : Number(amount.trim()),
      currency,
      subscription_interval: priceType === 'subscription' ? interval : null,
      tags: parseTags(tags),
      cover_url: pack.cover_url,
    }
    try {
      onSaved(await api.updatePack(pack.id, metadata))
      setSaved(true)
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section aria-labelledby="details-title" className="card stack-tight">
      <h2 id="details-title">Details and price</h2>
      <form className="stack-tight" onSubmit={save}>
        <fieldset disabled={disabled} className="stack-tight">
          <div className="field">
            <label htmlFor="pack-title">Title</label>
            <input id="pack-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="pack-description">Description</label>
            <textarea id="pack-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="pack-price-type">Price type</label>
            <select id="pack-price-type" value={priceType} onChange={(e) => setPriceType(e.target.value as PriceType)}>
              {(Object.keys(PRICE_TYPE_LABEL) as PriceType[]).map((p) => <option key={p} value={p}>{PRICE_TYPE_LABEL[p]}</option>)}
            </select>
          </div>
          {priceType !== 'free' && (
            <div className="filters">
              <div className="field">
                <label htmlFor="pack-price">Price</label>
                <input id="pack-price" inputMode="decimal" required value={amount} placeholder="9.99"
                  aria-invalid={priceProblem ? true : undefined}
                  aria-describedby={priceProblem ? 'pack-price-problem' : undefined}
                  onChange={(e) => setAmount(e.target.value)} />
                {priceProblem && <p id="pack-price-problem" className="field-error" role="alert">{priceProblem}</p>}
              </div>
              <div className="field">
                <label htmlFor="pack-currency">Currency</label>
                <select id="pack-currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
                  {CURRENCIES.map((c) => <option key={c} value={c}>{c.toUpperCase()}</option>)}
                </select>
              </div>
              {priceType === 'subscription' && (
                <div className="field">
                  <label htmlFor="pack-interval">Billed</label>
                  <select id="pack-interval" value={interval} onChange={(e) => setBilling(e.target.value)}>
                    <option value="monthly">Monthly</option>
                    <option value="annual">Yearly</option>
                  </select>
                </div>
              )}
            </div>
          )}
          <div className="field">
            <label htmlFor="pack-tags">Tags</label>
            <input id="pack-tags" value={tags} placeholder="sleep, evening" aria-describedby="pack-tags-hint"
              onChange={(e) => setTags(e.target.value)} />
            <span id="pack-tags-hint" className="hint">Separate tags with commas.</span>
          </div>
          <button type="submit" className="button">Save details</button>
        </fieldset>
        {saved && <p className="note" role="status">Details saved{pack.status === 'published' ? ' and published' : ''}.</p>}
        <ErrorNote error={error} />
      </form>
    </section>
  )
}

function Items({ pack, onSaved }: { pack: StudioPack; onSaved: (p: StudioPack) => void }) {
  const initial = (): Slot[] =>
    pack.items.slice().sort((a, b) => a.position - b.position)
      .map((i) => ({ content_id: i.content_id, title: i.title, duration: i.duration }))
  const [slots, setSlots] = useState<Slot[]>(initial)
  const [dirty, setDirty] = useState(false)
  const [adding, setAdding] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [announce, setAnnounce] = useState('')
  const library = useAsync(() => api.library({ limit: 100 }), [])
  const disabled = pack.status === 'archived'

  useEffect(() => {
    if (!dirty) setSlots(initial())
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pack])

  // only the creator's own practices can go into a pack (not items that came with someone else's pack)
  const own = (library.data?.content_items ?? []).filter((i: ContentSummary) => i.source !== 'pack')
  const candidates = own.filter((i) => !slots.some((s) => s.content_id === i.id))

  const change = (next: Slot[], message: string) => {
    setSlots(next)
    setDirty(true)
    setSaved(false)
    setAnnounce(message)
  }
  const moveBy = (index: number, delta: number) => {
    const next = move(slots, index, delta)
    if (next !== slots) change(next, `${slots[index].title} moved to position ${index + delta + 1} of ${slots.length}.`)
  }
  const add = () => {
    const item = own.find((i) => i.id === adding)
    if (!item) return
    change([...slots, { content_id: item.id, title: item.title, duration: item.duration }], `${item.title} added.`)
    setAdding('')
  }
  const save = async () => {
    setError(null)
    try {
      onSaved(await api.setPackItems(pack.id, slots.map((s) => s.content_id)))
      setDirty(false)
      setSaved(true)
    } catch (err) {
      setError(namedItems(err, slots))
    }
  }

  return (
    <section aria-labelledby="items-title" className="card stack-tight">
      <h2 id="items-title">Practices, in order</h2>
      <p className="visually-hidden" role="status" aria-live="polite">{announce}</p>
      {slots.length === 0 && <p className="muted">No practice yet. Add some of your own below.</p>}
      <ol className="list" aria-label="Practices in this pack">
        {slots.map((s, i) => (
          <li key={s.content_id} className="list-item slot">
            <span className="list-title">{i + 1}. {s.title}</span>
            {s.duration != null && <span className="muted">{minutes(s.duration)}</span>}
            <span className="actions">
              <button type="button" className="button-secondary" disabled={disabled || i === 0}
                aria-label={`Move ${s.title} up`} onClick={() => moveBy(i, -1)}>↑ Up</button>
              <button type="button" className="button-secondary" disabled={disabled || i === slots.length - 1}
                aria-label={`Move ${s.title} down`} onClick={() => moveBy(i, 1)}>↓ Down</button>
              <button type="button" className="button-secondary" disabled={disabled}
                aria-label={`Remove ${s.title}`}
                onClick={() => change(slots.filter((_, j) => j !== i), `${s.title} removed.`)}>Remove</button>
            </span>
          </li>
        ))}
      </ol>
      {!disabled && (
        <div className="filters">
          <div className="field field-wide">
            <label htmlFor="add-item">Add one of your practices</label>
            <select id="add-item" value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">Choose a practice…</option>
              {candidates.map((i) => <option key={i.id} value={i.id}>{i.title} ({minutes(i.duration)})</option>)}
            </select>
          </div>
          <button type="button" className="button-secondary" disabled={!adding} onClick={add}>Add</button>
        </div>
      )}
      <ErrorNote error={library.error} onRetry={library.reload} />
      {!disabled && (
        <button type="button" className="button" disabled={!dirty} onClick={save}>Save practices and order</button>
      )}
      {saved && <p className="note" role="status">Practices saved{pack.status === 'published' ? ' and published' : ''}.</p>}
      <ErrorNote error={error} />
    </section>
  )
}

/**
 * CONTENT_NOT_OWNED names the refused ids by index (`content_ids[2]`); the person knows them by title, so the
 * sentence names the practices.
 */
export function namedItems(error: unknown, slots: Slot[]): unknown {
  if (!(error instanceof ApiError) || error.code !== 'CONTENT_NOT_OWNED') return error
  const fields = (error.details.fields ?? {}) as Record<string, unknown>
  const titles = Object.keys(fields)
    .map((key) => /^content_ids\[(\d+)\]$/.exec(key))
    .map((m) => (m ? slots[Number(m[1])]?.title : undefined))
    .filter((t): t is string => Boolean(t))
  if (titles.length === 0) return error
  return new ApiError(error.status, 'CONTENT_NOT_OWNED_NAMED',
    `${titles.map((t) => `“${t}”`).join(' and ')} cannot go into a pack: only your own practices that are ready can. Remove ${titles.length === 1 ? 'it' : 'them'} and save again.`)
}

function Lifecycle({ pack, onChanged }: { pack: StudioPack; onChanged: (p: StudioPack) => void }) {
  const [error, setError] = useState<unknown>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  if (pack.status === 'archived') return null
  const run = async (action: () => Promise<StudioPack>) => {
    setBusy(true)
    setError(null)
    try {
      onChanged(await action())
      setConfirming(false)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="lifecycle-title" className="card stack-tight">
      <h2 id="lifecycle-title">{pack.status === 'draft' ? 'Publish' : 'In the marketplace'}</h2>
      {pack.status === 'draft' && (
        <>
          <p className="muted">Publishing puts this pack in the marketplace. It needs a title, at least one practice and a price that matches its type; save your changes first.</p>
          <button type="button" className="button" disabled={busy} onClick={() => run(() => api.publishPack(pack.id))}>
            Publish pack
          </button>
        </>
      )}
      {pack.status === 'published' && <p><Link to={`/marketplace/${pack.id}`}>See it in the marketplace</Link></p>}
      {!confirming ? (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(true)}>Archive pack…</button>
      ) : (
        <div className="note note-warn stack-tight" role="group" aria-labelledby="archive-question">
          <p id="archive-question">
            Archive “{pack.title || 'this pack'}”? It leaves the marketplace for good and can no longer change;
            people who have it keep it.
          </p>
          <div className="actions">
            <button type="button" className="button button-danger" disabled={busy} onClick={() => run(() => api.archivePack(pack.id))}>
              Yes, archive it
            </button>
            {/* the safe choice has the focus when the question appears */}
            <button type="button" className="button-secondary" autoFocus onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
    </section>
  )
}
