import { useEffect, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, ApiError } from '../api/api'
import type { ContentSummary, ContentType } from '../api/types'
import { offlineItems, type OfflineItem } from '../offline/downloads'
import { ErrorNote } from '../ui/ErrorNote'
import { minutes, TYPE_LABEL } from '../ui/format'
import { useAsync } from '../ui/useAsync'
import { useOnline } from '../ui/useOnline'

/**
 * The person's practices with the library's filters (type, tag, folder, favourites; kept in the URL so back and
 * reload keep them) and a search box over titles and tags of what is listed (the library API has no text search).
 */
export default function Library() {
  const [params, setParams] = useSearchParams()
  const online = useOnline()
  const type = (params.get('type') ?? '') as ContentType | ''
  const tag = params.get('tag') ?? ''
  const folder = params.get('folder') ?? ''
  const favorite = params.get('favorite') === '1'
  const pack = params.get('pack') ?? ''
  const page = Number(params.get('page') ?? '1') || 1
  const [search, setSearch] = useState(params.get('q') ?? '')
  const [downloads, setDownloads] = useState<OfflineItem[]>([])

  const list = useAsync(
    () => api.library({ content_type: type, tags: tag ? [tag] : undefined, folder_id: folder || undefined,
      favorite: favorite || undefined, pack_id: pack || undefined, page, limit: 100 }),
    [type, tag, folder, favorite, pack, page, online],
  )
  const packs = usePackNames(list.data?.content_items ?? [], pack)
  const folders = useAsync(() => api.folders(), [online])
  useEffect(() => {
    void offlineItems().then(setDownloads)
  }, [online])

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    if (key !== 'page') next.delete('page')
    setParams(next, { replace: true })
  }

  const words = search.trim().toLowerCase()
  const items = useMemo(
    () => (list.data?.content_items ?? []).filter((i) =>
      !words || i.title.toLowerCase().includes(words) || i.tags.some((t) => t.includes(words))),
    [list.data, words],
  )
  const offlineShown = !online || list.error ? downloads : []

  return (
    <div className="stack">
      <h1>Library</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="search">Search</label>
          <input id="search" type="search" value={search} placeholder="Title or tag"
            onChange={(e) => { setSearch(e.target.value); set('q', e.target.value) }} />
        </div>
        <div className="field">
          <label htmlFor="type">Type</label>
          <select id="type" value={type} onChange={(e) => set('type', e.target.value)}>
            <option value="">All</option>
            {(Object.keys(TYPE_LABEL) as ContentType[]).map((t) => <option key={t} value={t}>{TYPE_LABEL[t]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="folder">Folder</label>
          <select id="folder" value={folder} onChange={(e) => set('folder', e.target.value)}>
            <option value="">All</option>
            {folders.data?.folders.map((f) => <option key={f.id} value={f.id}>{f.name} ({f.item_count})</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tag">Tag</label>
          <input id="tag" value={tag} onChange={(e) => set('tag', e.target.value.toLowerCase())} placeholder="e.g. sleep" />
        </div>
        <div className="field">
          <label htmlFor="pack">Pack</label>
          <select id="pack" value={pack} onChange={(e) => set('pack', e.target.value)}>
            <option value="">All, mine and from packs</option>
            {pack && !packs.has(pack) && <option value={pack}>The chosen pack</option>}
            {Array.from(packs.entries()).map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={favorite} onChange={(e) => set('favorite', e.target.checked ? '1' : '')} />
          Favourites only
        </label>
      </form>

      {offlineShown.length > 0 && (
        <section aria-labelledby="offline-title" className="stack">
          <h2 id="offline-title">On this device</h2>
          <ul className="list">
            {offlineShown.map((i) => (
              <li key={i.id}>
                <Link to={`/library/${i.id}`} className="list-item">
                  <span className="list-title">{i.title}</span>
                  <span className="muted">{TYPE_LABEL[i.content_type]} · {minutes(i.duration)} · downloaded</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {online && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.loading && <p className="muted" role="status">Loading…</p>}
      {list.data && items.length === 0 && (
        <p className="muted">{words || type || tag || folder || favorite || pack ? 'Nothing matches these filters.' : 'Your library is empty. Create your first practice.'}</p>
      )}
      <ul className="list" aria-label="Practices">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/library/${item.id}`} className="list-item">
              <span className="list-title">{item.favorite && <span aria-label="Favourite">★ </span>}{item.title}</span>
              <span className="muted">
                {TYPE_LABEL[item.content_type]} · {minutes(item.duration)}
                {item.source === 'pack' && ` · from ${(item.pack_id && packs.get(item.pack_id)) || 'a pack'}`}
                {item.tags.length > 0 && ` · ${item.tags.join(', ')}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {list.data && (list.data.pagination.has_prev || list.data.pagination.has_next) && (
        <div className="actions">
          <button type="button" className="button-secondary" disabled={!list.data.pagination.has_prev} onClick={() => set('page', String(page - 1))}>Previous</button>
          <span>Page {page} of {list.data.pagination.pages}</span>
          <button type="button" className="button-secondary" disabled={!list.data.pagination.has_next} onClick={() => set('page', String(page + 1))}>Next</button>
        </div>
      )}
    </div>
  )
}

/**
 * The packs the listed items came from, with their titles from the catalog (the library knows only a pack's id).
 * Names are remembered while the page is open, so the pack filter keeps its choices when it narrows the list.
 */
function usePackNames(items: ContentSummary[], selected: string): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map())
  const ids = Array.from(new Set([selected, ...items.map((i) => i.pack_id ?? '')].filter(Boolean)))
  const key = ids.join(',')
  useEffect(() => {
    const missing = ids.filter((id) => !names.has(id))
    if (missing.length === 0) return
    let live = true
    // an archived pack has left the catalog (404) but stays in its owners' libraries; offline, the title waits
    void Promise.all(missing.map((id) => api.catalogPack(id).then((p) => [id, p.title] as const,
      (e: unknown) => [id, e instanceof ApiError && e.status === 404 ? 'A pack no longer in the marketplace' : null] as const)))
      .then((found) => {
        if (!live) return
        setNames((current) => {
          const next = new Map(current)
          for (const [id, title] of found) if (title) next.set(id, title)
          return next
        })
      })
    return () => { live = false }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return names
}
