import { useRef, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api } from '../api/api'
import { plainMessage } from '../api/errors'
import type { Preferences, Voice } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { ErrorNote } from '../ui/ErrorNote'
import { useAsync } from '../ui/useAsync'
import { saveFile } from './Item'
import { mediaUrl } from '../offline/media'

const PACES = ['slower', 'slow', 'moderate', 'fast', 'faster']
const TONES = ['warm', 'calm', 'gentle', 'neutral', 'grounded', 'energetic']

/** Preferences (voice with a preview where the platform offers one, pace, tone), account export and deletion, logout. */
export default function Profile() {
  const { user, logout } = useAuth()
  const navigate = useNavigate()
  const profile = useAsync(() => api.profile(), [])
  const voices = useAsync(() => api.voices(), [])
  return (
    <div className="stack">
      <h1>Profile</h1>
      <p className="muted">{user?.email}</p>
      <ErrorNote error={profile.error} onRetry={profile.reload} />
      {profile.data && (
        <PreferencesForm initial={profile.data.preferences} voices={voices.data?.voices ?? []}
          defaultVoice={voices.data?.default_voice_id} />
      )}
      <ExportAccount />
      <section className="card stack-tight" aria-labelledby="logout-title">
        <h2 id="logout-title">Log out</h2>
        <p className="muted">Logging out also removes the practices downloaded to this device.</p>
        <button type="button" className="button-secondary" onClick={async () => {
          await logout()
          navigate('/login', { replace: true })
        }}>Log out</button>
      </section>
      <DeleteAccount />
    </div>
  )
}

function PreferencesForm({ initial, voices, defaultVoice }: { initial: Preferences; voices: Voice[]; defaultVoice?: string }) {
  const [prefs, setPrefs] = useState<Preferences>(initial)
  const [saved, setSaved] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const preview = useRef<HTMLAudioElement>(null)
  const voiceId = prefs.voice_id ?? defaultVoice ?? ''
  const voice = voices.find((v) => v.id === voiceId)
  const rawSample = voice?.preview_url ?? voice?.preview ?? null
  // a pre-signed URL of the audio store, played through the gateway's /media like every other audio (same origin, CSP)
  const sample = rawSample ? mediaUrl(rawSample) : null

  const save = async (e: FormEvent) => {
    e.preventDefault()
    setSaved(null)
    setError(null)
    try {
      const answer = await api.updatePreferences({ voice_id: prefs.voice_id || undefined, pace: prefs.pace || undefined, tone: prefs.tone })
      setPrefs(answer.preferences)
      setSaved('Saved. Your next creations use these.')
    } catch (err) {
      setError(err)
    }
  }

  return (
    <form onSubmit={save} className="card stack-tight" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Voice and style</h2>
      <div className="field">
        <label htmlFor="voice">Voice</label>
        <select id="voice" value={voiceId} onChange={(e) => setPrefs({ ...prefs, voice_id: e.target.value })}>
          {voices.length === 0 && <option value={voiceId}>{voiceId || 'Default voice'}</option>}
          {voices.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}{v.language ? ` (${v.language}${v.gender ? `, ${v.gender}` : ''})` : ''}
            </option>
          ))}
        </select>
      </div>
      {sample && (
        <div>
          <audio ref={preview} src={sample} preload="none" />
          <button type="button" className="button-secondary" onClick={() => void preview.current?.play()}>
            Listen to {voice?.name}
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor="pace">Pace</label>
        <select id="pace" value={prefs.pace ?? ''} onChange={(e) => setPrefs({ ...prefs, pace: e.target.value || null })}>
          {!prefs.pace && <option value="">Default for each practice</option>}
          {PACES.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="tone">Tone</label>
        <select id="tone" value={prefs.tone ?? 'warm'} onChange={(e) => setPrefs({ ...prefs, tone: e.target.value })}>
          {TONES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </div>
      <button type="submit">Save preferences</button>
      <p role="status" className="muted">{saved}</p>
      <ErrorNote error={error} />
    </form>
  )
}

function ExportAccount() {
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState(false)
  return (
    <section className="card stack-tight" aria-labelledby="export-account-title">
      <h2 id="export-account-title">Your data</h2>
      <p className="muted">Download everything waQup keeps about you, as one JSON file.</p>
      <button type="button" className="button-secondary" onClick={async () => {
        setError(null)
        setDone(false)
        try {
          const data = await api.exportAccount()
          saveFile(`waqup-export-${new Date().toISOString().slice(0, 10)}.json`,
            new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
          setDone(true)
        } catch (e) {
          setError(e)
        }
      }}>Export my data</button>
      <p role="status" className="muted">{done ? 'Your export is downloading.' : ''}</p>
      <ErrorNote error={error} />
    </section>
  )
}

function DeleteAccount() {
  const { forget } = useAuth()
  const navigate = useNavigate()
  const dialog = useRef<HTMLDialogElement>(null)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  return (
    <section className="card card-danger stack-tight" aria-labelledby="delete-account-title">
      <h2 id="delete-account-title">Delete account</h2>
      <p>This erases your account, every practice and its audio, your history and your credits. It cannot be undone.</p>
      <button type="button" className="button-danger" onClick={() => dialog.current?.showModal()}>Delete my account…</button>
      <dialog ref={dialog} className="dialog" aria-labelledby="delete-account-dialog">
        <form className="stack-tight" onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(null)
          try {
            await api.deleteAccount(password)
            dialog.current?.close()
            await forget()
            navigate('/signup?deleted=1', { replace: true })
          } catch (err) {
            setError(err)
          } finally {
            setBusy(false)
          }
        }}>
          <h2 id="delete-account-dialog">Delete your account for good?</h2>
          <p>Everything goes: practices, audio, history, credits. Enter your password to confirm.</p>
          <div className="field">
            <label htmlFor="delete-password">Password</label>
            <input id="delete-password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error ? <p role="alert" className="note note-error">{plainMessage(error)}</p> : null}
          <div className="actions">
            <button type="submit" className="button-danger" disabled={busy || !password}>Delete everything</button>
            <button type="button" className="button-secondary" onClick={() => dialog.current?.close()}>Cancel</button>
          </div>
        </form>
      </dialog>
    </section>
  )
}
