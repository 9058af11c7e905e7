import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api } from '../api/api'
import type { PriceType } from '../api/types'
import { ErrorNote } from '../ui/ErrorNote'
import { useAsync } from '../ui/useAsync'
import { useDebounced } from '../ui/useDebounced'
import { parseTags, price, PRICE_TYPE_LABEL, ratingText, stars } from './format'

/** How long typing must pause before the catalog is asked (one search per pause, not per key). */
export const TYPE_AHEAD_MS = 300
const PAGE_SIZE = 20

/**
 * The marketplace: the catalog's packs, searched as you type (debounced; the catalog matches the last word as a
 * prefix, typos and synonyms), filtered by price type and tags. Search and filters live in the URL, so back and
 * reload keep them.
 */
export default function Marketplace() {
  const [params, setParams] = useSearchParams()
  const [text, setText] = useState(params.get('q') ?? '')
  const [tagText, setTagText] = useState(params.get('tags') ?? '')
  const priceType = (params.get('price') ?? '') as PriceType | ''
  const page = Number(params.get('page') ?? '1') || 1
  const search = useDebounced(text.trim(), TYPE_AHEAD_MS)
  const tags = parseTags(useDebounced(tagText, TYPE_AHEAD_MS))
  const tagKey = tags.join(',')

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params)
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value)
      else next.delete(key)
    }
    if (!('page' in changes)) next.delete('page')
    setParams(next, { replace: true })
  }

  // the URL follows what is searched (debounced like the request), so back and reload show the same packs
  useEffect(() => {
    if ((params.get('q') ?? '') !== search || (params.get('tags') ?? '') !== tagKey) set({ q: search, tags: tagKey })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, tagKey])

  const list = useAsync(
    () => api.catalog({ search, tags, price_type: priceType, page, limit: PAGE_SIZE }),
    [search, tagKey, priceType, page],
  )
  const packs = list.data?.packs ?? []
  const total = list.data?.pagination.total ?? 0
  const filtered = Boolean(search || tags.length || priceType)

  return (
    <div className="stack">
      <h1>Marketplace</h1>
      <form className="filters" role="search" aria-label="Packs" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-wide">
          <label htmlFor="market-search">Search packs</label>
          <input id="market-search" type="search" value={text} maxLength={200} autoComplete="off"
            placeholder="e.g. sleep, morning focus" aria-describedby="market-count"
            onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="market-price">Price</label>
          <select id="market-price" value={priceType} onChange={(e) => set({ price: e.target.value })}>
            <option value="">Any price</option>
            {(Object.keys(PRICE_TYPE_LABEL) as PriceType[]).map((p) => (
              <option key={p} value={p}>{PRICE_TYPE_LABEL[p]}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="market-tags">Tags</label>
          <input id="market-tags" value={tagText} placeholder="e.g. sleep, calm" aria-describedby="market-tags-hint"
            onChange={(e) => setTagText(e.target.value)} />
          <span id="market-tags-hint" className="hint">Separate tags with commas; packs must have them all.</span>
        </div>
      </form>

      <p id="market-count" className="muted" role="status" aria-live="polite">
        {list.loading ? 'Searching…' : list.data ? `${total} pack${total === 1 ? '' : 's'}${filtered ? ' found' : ''}` : ''}
      </p>
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.data && packs.length === 0 && (
        <div className="note">
          <p>{filtered ? 'No pack matches this search. Try fewer words or other filters.' : 'The marketplace has no packs yet.'}</p>
          {filtered && (
            <button type="button" className="button-secondary"
              onClick={() => { setText(''); setTagText(''); set({ q: '', tags: '', price: '' }) }}>
              Clear search and filters
            </button>
          )}
        </div>
      )}
      <ul className="list" aria-label="Packs found">
        {packs.map((pack) => (
          <li key={pack.id}>
            <Link to={`/marketplace/${pack.id}`} className="list-item">
              <span className="list-title">{pack.title}</span>
              <span className="muted">
                by {pack.creator.name} · {pack.ritual_count} practice{pack.ritual_count === 1 ? '' : 's'} · {price(pack)}
              </span>
              <span className="muted">
                <span aria-hidden="true">{stars(pack.rating)} </span>{ratingText(pack.rating, pack.review_count)}
                {pack.tags.length > 0 && ` · ${pack.tags.join(', ')}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {list.data && (list.data.pagination.has_prev || list.data.pagination.has_next) && (
        <div className="actions">
          <button type="button" className="button-secondary" disabled={!list.data.pagination.has_prev}
            onClick={() => set({ page: String(page - 1) })}>Previous</button>
          <span>Page {page} of {list.data.pagination.pages}</span>
          <button type="button" className="button-secondary" disabled={!list.data.pagination.has_next}
            onClick={() => set({ page: String(page + 1) })}>Next</button>
        </div>
      )}
      <p><Link to="/studio">Make your own packs in the creator studio</Link></p>
    </div>
  )
}
