import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, ApiError } from '../api/api'
import type { CreatorProfile, PackStatus } from '../api/types'
import { sessionStore } from '../auth/session'
import { ErrorNote } from '../ui/ErrorNote'
import { date } from '../ui/format'
import { useAsync } from '../ui/useAsync'
import { price } from '../marketplace/format'

export const STATUS_LABEL: Record<PackStatus, string> = { draft: 'Draft', published: 'Published', archived: 'Archived' }

/**
 * The creator studio: become a creator, the public profile, and the packs (drafts, published, archived). A pack is
 * edited on its own page (`/studio/packs/:id`).
 */
export default function Studio() {
  const me = useAsync(() => api.profile(), [])
  const [becoming, setBecoming] = useState(false)
  const [becomeError, setBecomeError] = useState<unknown>(null)
  const [became, setBecame] = useState(false)

  if (me.error) return <div className="stack"><h1>Creator studio</h1><ErrorNote error={me.error} onRetry={me.reload} /></div>
  if (!me.data) return <p className="muted" role="status">Loading…</p>

  if (!me.data.roles.includes('creator') && !me.data.roles.includes('admin')) {
    const become = async () => {
      setBecoming(true)
      setBecomeError(null)
      try {
        const answer = await api.becomeCreator()
        // the answer's access token already carries the creator role; the refresh token stays the same
        const current = sessionStore.get()
        if (current) sessionStore.set({ token: answer.token, refresh_token: current.refresh_token })
        setBecame(true)
        me.reload()
      } catch (e) {
        setBecomeError(e)
      } finally {
        setBecoming(false)
      }
    }
    return (
      <div className="stack">
        <h1>Creator studio</h1>
        <p>Share the practices you made: put them into packs, publish them in the marketplace, and see how people use them.</p>
        <p className="muted">Your own library stays private. Only what you put into a published pack is shown, as a copy.</p>
        <button type="button" className="button" onClick={become} disabled={becoming}>
          {becoming ? 'Please wait…' : 'Become a creator'}
        </button>
        <ErrorNote error={becomeError} />
      </div>
    )
  }
  return (
    <div className="stack">
      <h1>Creator studio</h1>
      {became && <p className="note" role="status">You're a creator now. Start with your profile.</p>}
      <p><Link to="/studio/rewards">Your rewards</Link>: tokens earned, history and payouts.</p>
      <ProfileForm focus={became} />
      <Packs />
    </div>
  )
}

const EMPTY: CreatorProfile = { display_name: '', bio: '', avatar_url: '', links: [] }

function ProfileForm({ focus }: { focus: boolean }) {
  const loaded = useAsync(
    () => api.myCreatorProfile().catch((e: unknown) => {
      if (e instanceof ApiError && e.code === 'CREATOR_NOT_FOUND') return null
      throw e
    }),
    [],
  )
  if (loaded.loading) return <p className="muted" role="status">Loading your profile…</p>
  if (loaded.error) return <ErrorNote error={loaded.error} onRetry={loaded.reload} />
  return <ProfileFields initial={loaded.data ?? null} focus={focus} />
}

function ProfileFields({ initial, focus }: { initial: CreatorProfile | null; focus: boolean }) {
  const nameField = useRef<HTMLInputElement>(null)
  // just became a creator: the button that was pressed is gone, so the keyboard continues at the first field
  useEffect(() => {
    if (focus) nameField.current?.focus()
  }, [focus])
  const [profile, setProfile] = useState<CreatorProfile>({ ...EMPTY, ...initial })
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const change = (field: keyof CreatorProfile, value: string) => {
    setSaved(false)
    setProfile({ ...profile, [field]: value })
  }
  const save = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      setProfile({ ...EMPTY, ...(await api.saveCreatorProfile({
        display_name: profile.display_name.trim(),
        bio: profile.bio || null,
        avatar_url: profile.avatar_url || null,
        links: profile.links,
      })) })
      setSaved(true)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="profile-title" className="card stack-tight">
      <h2 id="profile-title">Your creator profile</h2>
      {!initial && <p className="muted">People see this name on your packs. It is needed before you publish.</p>}
      <form className="stack-tight" onSubmit={save}>
        <div className="field">
          <label htmlFor="display-name">Display name</label>
          <input id="display-name" ref={nameField} required minLength={2} maxLength={60} value={profile.display_name}
            onChange={(e) => change('display_name', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="bio">About you (optional)</label>
          <textarea id="bio" rows={3} maxLength={2000} value={profile.bio ?? ''} onChange={(e) => change('bio', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="avatar">Picture address (optional)</label>
          <input id="avatar" type="url" maxLength={2000} placeholder="https://…" value={profile.avatar_url ?? ''}
            onChange={(e) => change('avatar_url', e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={busy}>Save profile</button>
        {saved && <p className="note" role="status">Profile saved.</p>}
        <ErrorNote error={error} />
      </form>
    </section>
  )
}

function Packs() {
  const navigate = useNavigate()
  const [status, setStatus] = useState<PackStatus | ''>('')
  const packs = useAsync(() => api.studioPacks(status), [status])
  const [title, setTitle] = useState('')
  const [error, setError] = useState<unknown>(null)
  const create = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      const pack = await api.createPack({
        title: title.trim(), description: '', price_type: 'free', price_amount: 0, currency: 'usd', tags: [],
      })
      navigate(`/studio/packs/${pack.id}`)
    } catch (err) {
      setError(err)
    }
  }
  return (
    <section aria-labelledby="packs-title" className="stack-tight">
      <h2 id="packs-title">Your packs</h2>
      <form className="filters" onSubmit={create} aria-label="New pack">
        <div className="field field-wide">
          <label htmlFor="new-pack">New pack title</label>
          <input id="new-pack" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <button type="submit" className="button">Create pack</button>
      </form>
      <ErrorNote error={error} />
      <div className="field">
        <label htmlFor="pack-status">Show</label>
        <select id="pack-status" value={status} onChange={(e) => setStatus(e.target.value as PackStatus | '')}>
          <option value="">All packs</option>
          {(Object.keys(STATUS_LABEL) as PackStatus[]).map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
      </div>
      <ErrorNote error={packs.error} onRetry={packs.reload} />
      {packs.data && packs.data.packs.length === 0 && <p className="muted">No pack yet. Give your first one a title above.</p>}
      <ul className="list" aria-label="Your packs">
        {packs.data?.packs.map((p) => (
          <li key={p.id}>
            <Link to={`/studio/packs/${p.id}`} className="list-item">
              <span className="list-title">{p.title || 'Untitled pack'}</span>
              <span className="muted">
                {STATUS_LABEL[p.status]} · {p.item_count} practice{p.item_count === 1 ? '' : 's'} · {price(p)}
                {p.published_at && ` · published ${date(p.published_at)}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
