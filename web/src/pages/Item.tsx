import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { api } from '../api/api'
import { ApiError, plainMessage } from '../api/errors'
import type { ContentDetail, Share } from '../api/types'
import { canDownload, download, isDownloaded, offlineAudioUrl, offlineItem, removeDownload, type OfflineItem } from '../offline/downloads'
import { mediaUrl } from '../offline/media'
import { Player } from '../player/Player'
import { ErrorNote } from '../ui/ErrorNote'
import { date, minutes, TYPE_LABEL } from '../ui/format'
import { useDraft } from '../ui/useDraft'

type Shown = (ContentDetail | OfflineItem) & { audio_url?: string | null }

/** One practice: the player, the script, and everything the person can do with it. */
export default function Item() {
  const { id = '' } = useParams()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [item, setItem] = useState<Shown | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [downloaded, setDownloaded] = useState(false)
  const [fromDevice, setFromDevice] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)

  const fresh = Boolean(params.get('new'))
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    setItem(null)
    setError(null)
    void isDownloaded(id).then((d) => live && setDownloaded(d))
    // a practice that was just created reaches the library a moment after its generation reports ready
    const load = (attempt: number) => api.item(id).then(
      (detail) => {
        if (!live) return
        setItem(detail)
        setFromDevice(false)
      },
      async (e: unknown) => {
        if (fresh && attempt < 30 && e instanceof ApiError && e.code === 'CONTENT_NOT_FOUND') {
          timer = setTimeout(() => void load(attempt + 1), 1000)
          return
        }
        const kept = e instanceof ApiError && (e.isNetwork || e.status >= 500) ? await offlineItem(id) : null
        if (!live) return
        if (kept) {
          setItem(kept)
          setFromDevice(true)
        } else setError(e)
      },
    )
    void load(0)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [id, fresh])

  const act = async (fn: () => Promise<void>) => {
    setActionError(null)
    setMessage(null)
    try {
      await fn()
    } catch (e) {
      setActionError(e)
    }
  }

  if (error) return <ErrorNote error={error} />
  if (!item) return <p className="muted" role="status">{fresh ? 'Putting it in your library…' : 'Loading…'}</p>

  const src = downloaded ? offlineAudioUrl(item.id) : item.audio_url ? mediaUrl(item.audio_url) : null
  const detail = fromDevice ? null : (item as ContentDetail)

  return (
    <article className="stack" aria-labelledby="item-title">
      <header className="stack-tight">
        <p className="muted">{TYPE_LABEL[item.content_type]} · {minutes(item.duration)} · {date(item.created_at)}</p>
        <h1 id="item-title">{item.title}</h1>
        {params.get('new') && <p className="note" role="status">Your practice is ready.</p>}
        {fromDevice && <p className="note" role="status">Playing the copy on this device.</p>}
      </header>

      {src ? (
        <Player key={src} contentId={item.id} title={item.title} contentType={item.content_type} src={src}
          duration={item.duration} autoPlay={Boolean(params.get('new'))} />
      ) : (
        <p className="note">This practice has no audio to play right now.</p>
      )}

      <div className="actions">
        {detail && (
          <button type="button" className="button-secondary" aria-pressed={detail.favorite}
            onClick={() => act(async () => {
              await api.setFavorite(detail.id, !detail.favorite)
              setItem({ ...detail, favorite: !detail.favorite })
            })}>
            {detail.favorite ? '★ Favourite' : '☆ Add to favourites'}
          </button>
        )}
        {canDownload() && (downloaded ? (
          <button type="button" className="button-secondary" onClick={() => act(async () => {
            await removeDownload(item.id)
            setDownloaded(false)
            setMessage('Removed from this device.')
          })}>Remove download</button>
        ) : detail?.audio_url && (
          <button type="button" className="button-secondary" onClick={() => act(async () => {
            setMessage('Downloading…')
            await download(detail)
            setDownloaded(true)
            setMessage('Downloaded: it plays without a connection.')
          })}>Download</button>
        ))}
      </div>
      <p role="status" className="muted" data-testid="item-status">{message}</p>
      <ErrorNote error={actionError} />

      <section aria-labelledby="script-title" className="stack-tight">
        <h2 id="script-title">Script</h2>
        <div className="script">{item.content_text.split(/\n+/).map((p, i) => <p key={i}>{p}</p>)}</div>
      </section>

      {detail && (
        <>
          <Organize item={detail} onChange={setItem} onError={setActionError} />
          <ShareBox id={detail.id} />
          <ExportBox id={detail.id} title={detail.title} />
          <DeleteBox id={detail.id} title={detail.title} onDeleted={async () => {
            await removeDownload(detail.id)
            navigate('/library', { replace: true })
          }} />
        </>
      )}
    </article>
  )
}

function Organize({ item, onChange, onError }: { item: ContentDetail; onChange: (i: ContentDetail) => void; onError: (e: unknown) => void }) {
  const [title, setTitle, , resetTitle] = useDraft(`title.${item.id}`, item.title)
  const [tags, setTags] = useState(item.tags.join(', '))
  const [folders, setFolders] = useState<{ id: string; name: string }[]>([])
  const [newFolder, setNewFolder] = useState('')
  const [saved, setSaved] = useState<string | null>(null)

  useEffect(() => {
    api.folders().then((f) => setFolders(f.folders), () => undefined)
  }, [])

  const save = async (e: FormEvent) => {
    e.preventDefault()
    setSaved(null)
    try {
      const tagList = tags.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean)
      const updated = await api.updateItem(item.id, { title: title.trim(), tags: tagList })
      resetTitle(updated.title)
      onChange({ ...item, ...updated })
      setSaved('Saved.')
    } catch (err) {
      onError(err)
    }
  }

  const move = async (folderId: string) => {
    setSaved(null)
    try {
      let target = folderId || null
      if (folderId === '__new') {
        if (!newFolder.trim()) return
        const created = await api.createFolder(newFolder.trim())
        setFolders((f) => [...f, created])
        setNewFolder('')
        target = created.id
      }
      await api.moveToFolder(item.id, target)
      onChange({ ...item, folder_id: target })
      setSaved(target ? 'Moved.' : 'Taken out of its folder.')
    } catch (err) {
      onError(err)
    }
  }

  return (
    <section aria-labelledby="organize-title" className="stack-tight card">
      <h2 id="organize-title">Organize</h2>
      <form onSubmit={save} className="stack-tight">
        <div className="field">
          <label htmlFor="title">Title</label>
          <input id="title" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="tags">Tags</label>
          <input id="tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby="tags-hint" />
          <p id="tags-hint" className="hint">Separate tags with commas.</p>
        </div>
        <button type="submit" disabled={!title.trim()}>Save</button>
      </form>
      <div className="field">
        <label htmlFor="move">Folder</label>
        <select id="move" value={item.folder_id ?? ''} onChange={(e) => void move(e.target.value)}>
          <option value="">No folder</option>
          {folders.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="new-folder">New folder</label>
          <input id="new-folder" maxLength={60} value={newFolder} onChange={(e) => setNewFolder(e.target.value)} />
        </div>
        <button type="button" className="button-secondary" disabled={!newFolder.trim()} onClick={() => void move('__new')}>
          Create and move
        </button>
      </div>
      <p role="status" className="muted">{saved}</p>
    </section>
  )
}

function ShareBox({ id }: { id: string }) {
  const [share, setShare] = useState<Share | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [copied, setCopied] = useState(false)
  return (
    <section aria-labelledby="share-title" className="stack-tight card">
      <h2 id="share-title">Share</h2>
      <p className="muted">Anyone with the link can listen to this one practice for 7 days.</p>
      {share?.url ? (
        <>
          <label htmlFor="share-url">Share link</label>
          <input id="share-url" readOnly value={share.url} onFocus={(e) => e.target.select()} />
          <div className="actions">
            <button type="button" className="button-secondary" onClick={async () => {
              try { await navigator.clipboard.writeText(share.url!); setCopied(true) } catch { setCopied(false) }
            }}>Copy link</button>
            <button type="button" className="button-secondary" onClick={async () => {
              try { await api.revokeShare(share.share_id); setShare(null) } catch (e) { setError(e) }
            }}>Stop sharing</button>
          </div>
          <p role="status" className="muted">{copied ? 'Copied.' : ''}</p>
        </>
      ) : (
        <button type="button" className="button-secondary" onClick={async () => {
          setError(null)
          try { setShare(await api.share(id)) } catch (e) { setError(e) }
        }}>Create a share link</button>
      )}
      <ErrorNote error={error} />
    </section>
  )
}

function ExportBox({ id, title }: { id: string; title: string }) {
  const [format, setFormat] = useState<'text' | 'audio' | 'both'>('both')
  const [error, setError] = useState<unknown>(null)
  const [audioLink, setAudioLink] = useState<string | null>(null)
  const link = useRef<HTMLAnchorElement>(null)
  const run = async () => {
    setError(null)
    setAudioLink(null)
    try {
      const exported = await api.exportItem(id, format)
      if (exported.text !== undefined && exported.text !== null) {
        saveFile(`${slug(title)}.txt`, new Blob([exported.text], { type: 'text/plain;charset=utf-8' }))
      }
      if (exported.audio_url) setAudioLink(mediaUrl(exported.audio_url))
    } catch (e) {
      setError(e)
    }
  }
  useEffect(() => {
    if (audioLink) link.current?.focus()
  }, [audioLink])
  return (
    <section aria-labelledby="export-title" className="stack-tight card">
      <h2 id="export-title">Export</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="export-format">What to export</label>
          <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="both">Script and audio</option>
            <option value="text">Script only</option>
            <option value="audio">Audio only</option>
          </select>
        </div>
        <button type="button" className="button-secondary" onClick={() => void run()}>Export</button>
      </div>
      {audioLink && <a ref={link} href={audioLink} download={`${slug(title)}.mp3`}>Save the audio (MP3)</a>}
      <ErrorNote error={error} />
    </section>
  )
}

function DeleteBox({ id, title, onDeleted }: { id: string; title: string; onDeleted: () => Promise<void> }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [error, setError] = useState<unknown>(null)
  return (
    <section aria-labelledby="delete-title" className="stack-tight card card-danger">
      <h2 id="delete-title">Delete</h2>
      <button type="button" className="button-danger" onClick={() => dialog.current?.showModal()}>Delete this practice</button>
      <dialog ref={dialog} aria-labelledby="delete-dialog-title" className="dialog">
        <h2 id="delete-dialog-title">Delete “{title}”?</h2>
        <p>It leaves your library and its audio is erased. Your practice history keeps its minutes.</p>
        {error ? <p role="alert" className="note note-error">{plainMessage(error)}</p> : null}
        <div className="actions">
          <button type="button" className="button-danger" onClick={async () => {
            try {
              await api.deleteItem(id)
              dialog.current?.close()
              await onDeleted()
            } catch (e) {
              setError(e)
            }
          }}>Delete</button>
          <button type="button" className="button-secondary" autoFocus onClick={() => dialog.current?.close()}>Keep it</button>
        </div>
      </dialog>
    </section>
  )
}

export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'practice'
