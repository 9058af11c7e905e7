import { useCallback, useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ApiError, plainMessage } from '../api/errors'
import type { ContentType, Summary, Turn } from '../api/types'
import { useDraft } from '../ui/useDraft'
import { TYPE_LABEL } from '../ui/format'
import { speechRecognition, type Recognition } from './speech'
import { connect, RestTransport, type Push, type Transport } from './transport'

export interface Bubble {
  from: 'assistant' | 'person'
  text: string
}

/** Quick replies for the question of each stage; the platform reads them like typed words. */
export const CHIPS: Record<string, string[]> = {
  Greeting: ['Sleep better', 'Calm my anxiety', 'Focus', 'Confidence', 'You choose'],
  IntentDiscovery: ['Sleep better', 'Calm my anxiety', 'Focus', 'Confidence', 'You choose'],
  ContextGathering: ['I feel stressed', 'I feel tired', 'At home', 'In the morning', 'You choose'],
  PracticeDetails: ['1 minute', '5 minutes', '10 minutes', 'You choose'],
  Personalization: ['Sounds good', 'Speak slower', 'A calmer tone', 'You choose'],
  Confirmation: ['Make it shorter', 'Make it in the evening instead'],
  Support: ['Start over'],
}

const STATUS_WORDS: Record<string, string> = {
  queued: 'Getting ready…',
  generating: 'Getting ready…',
  writing: 'Writing your script…',
  voicing: 'Voicing it…',
  ready: 'Ready.',
}

export interface ConversationViewProps {
  /** how to reach the platform (the WebSocket with a REST fallback by default) */
  connectTransport?: () => Promise<Transport>
  onReady: (ritualId: string) => void
}

type Phase = 'choose' | 'talk' | 'generating'

/** The conversation in progress (its id), so a reload or a new login after an expired session picks it up again. */
const SESSION_KEY = 'waqup.conversation.session'
const CLOSED = new Set(['Completed', 'Cancelled'])

export function ConversationView({ connectTransport = connect, onReady }: ConversationViewProps) {
  const transport = useRef<Transport | null>(null)
  /** which way the conversation currently travels (shown to tests as data-transport) */
  const [via, setVia] = useState<Transport['kind']>()
  const [phase, setPhase] = useState<Phase>('choose')
  const [bubbles, setBubbles] = useState<Bubble[]>([])
  const [turn, setTurn] = useState<Turn | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [draft, setDraft, clearDraft] = useDraft('conversation')
  const latestDraft = useRef(draft)
  latestDraft.current = draft
  const [progress, setProgress] = useState<{ status: string; value: number }>({ status: 'queued', value: 0 })
  const [listening, setListening] = useState(false)
  const recognition = useRef<Recognition | null>(null)
  const input = useRef<HTMLTextAreaElement>(null)
  const stopFollowing = useRef<(() => void) | null>(null)
  const Speech = speechRecognition()

  useEffect(
    () => () => {
      stopFollowing.current?.()
      transport.current?.close()
      recognition.current?.stop()
    },
    [],
  )

  /** Runs a call on the current transport; a WebSocket that dropped is replaced by REST and the call is tried again. */
  const call = useCallback(async <T,>(fn: (t: Transport) => Promise<T>): Promise<T> => {
    if (!transport.current) {
      transport.current = await connectTransport()
      setVia(transport.current.kind)
    }
    try {
      return await fn(transport.current)
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork && transport.current.kind === 'websocket') {
        transport.current.close()
        transport.current = new RestTransport()
        setVia('rest')
        return fn(transport.current)
      }
      throw e
    }
  }, [connectTransport])

  const answer = (t: Turn) => {
    setTurn(t)
    setBubbles((b) => [...b, { from: 'assistant', text: t.text }])
    if (CLOSED.has(t.state)) sessionStorage.removeItem(SESSION_KEY)
    else sessionStorage.setItem(SESSION_KEY, t.session_id)
  }

  const followGeneration = (ritualId: string) => {
    setPhase('generating')
    setProgress({ status: 'queued', value: 0 })
    stopFollowing.current = transport.current!.follow(ritualId, (p: Push) => {
      if (p.type === 'progress') {
        setProgress((old) => ({ status: p.status || old.status, value: Math.max(old.value, p.progress) }))
      } else if (p.type === 'ready') {
        sessionStorage.removeItem(SESSION_KEY)
        setProgress({ status: 'ready', value: 100 })
        onReady(ritualId)
      } else {
        sessionStorage.removeItem(SESSION_KEY)
        setPhase('choose')
        setError(new ApiError(500, 'GENERATION_FAILED', p.message))
      }
    })
  }

  // pick up a conversation this tab had going (a reload, or the detour through the login page)
  useEffect(() => {
    const saved = sessionStorage.getItem(SESSION_KEY)
    if (!saved) return
    let live = true
    setBusy(true)
    call((tr) => tr.state(saved))
      .then((s) => {
        if (!live) return
        if (s.ritual_id) {
          followGeneration(s.ritual_id)
          return
        }
        if (CLOSED.has(s.turn.state)) {
          sessionStorage.removeItem(SESSION_KEY)
          return
        }
        setBubbles(s.messages.map((m) => ({ from: m.role === 'user' ? 'person' : 'assistant', text: m.content })))
        setTurn(s.turn)
        setPhase('talk')
      })
      .catch((e: unknown) => {
        // gone for good (expired, someone else's): start fresh; a lost connection or session keeps it for later
        if (e instanceof ApiError && (e.status === 404 || e.status === 409)) sessionStorage.removeItem(SESSION_KEY)
        else if (live) setError(e)
      })
      .finally(() => live && setBusy(false))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const startOver = () => {
    sessionStorage.removeItem(SESSION_KEY)
    clearDraft()
    setTurn(null)
    setBubbles([])
    setError(null)
    setPhase('choose')
  }

  const start = async (type: ContentType) => {
    setBusy(true)
    setError(null)
    try {
      const t = await call((tr) => tr.start(type))
      setPhase('talk')
      answer(t)
      requestAnimationFrame(() => input.current?.focus())
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const send = async (text: string) => {
    const message = text.trim()
    if (!message || !turn || busy) return
    setBusy(true)
    setError(null)
    // the box empties at once, so the next answer can be typed while this one travels
    if (text === draft) clearDraft()
    setBubbles((b) => [...b, { from: 'person', text: message }])
    try {
      answer(await call((tr) => tr.send(turn.session_id, message)))
    } catch (e) {
      // not sent: the words go back into the box (unless something new was typed there): nothing typed is lost
      setBubbles((b) => b.slice(0, -1))
      if (!latestDraft.current.trim()) setDraft(message)
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const confirm = async () => {
    if (!turn) return
    setBusy(true)
    setError(null)
    try {
      const started = await call((tr) => tr.complete(turn.session_id))
      followGeneration(started.ritual_id)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const change = async () => {
    if (!turn) return
    setBusy(true)
    setError(null)
    try {
      answer(await call((tr) => tr.decline(turn.session_id)))
      input.current?.focus()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const listen = () => {
    if (!Speech) return
    if (listening) {
      recognition.current?.stop()
      return
    }
    const r = new Speech()
    r.lang = navigator.language || 'en-US'
    r.interimResults = false
    r.continuous = false
    r.onresult = (e) => {
      const heard = Array.from(e.results).map((res) => res[0].transcript).join(' ').trim()
      if (heard) setDraft(draft ? `${draft} ${heard}` : heard)
    }
    r.onend = () => setListening(false)
    r.onerror = () => setListening(false)
    recognition.current = r
    setListening(true)
    r.start()
  }

  if (phase === 'choose') {
    return (
      <section aria-labelledby="create-title" className="stack">
        <h1 id="create-title">What would you like to create?</h1>
        <p className="muted">Talk it through in a minute; we write it and voice it for you.</p>
        <div className="choice-grid">
          {(['affirmation', 'guided_meditation', 'ritual'] as ContentType[]).map((type) => (
            <button key={type} type="button" className="choice" disabled={busy} onClick={() => void start(type)}>
              {TYPE_LABEL[type]}
            </button>
          ))}
        </div>
        <Problem error={error} />
      </section>
    )
  }

  if (phase === 'generating') {
    return (
      <section aria-labelledby="generating-title" className="stack">
        <h1 id="generating-title">Creating your practice</h1>
        <progress max={100} value={progress.value} aria-label="Creation progress" />
        <p role="status" aria-live="polite" data-testid="generation-status">
          {STATUS_WORDS[progress.status] ?? 'Working on it…'} {progress.value > 0 && progress.value < 100 ? `${progress.value}%` : ''}
        </p>
      </section>
    )
  }

  const summary = turn?.state === 'Confirmation' ? turn.summary : null
  const chips = CHIPS[turn?.state ?? ''] ?? []
  return (
    <section aria-labelledby="talk-title" className="stack conversation" data-transport={via}>
      <h1 id="talk-title" className="visually-hidden">Create</h1>
      <ol className="bubbles" aria-live="polite" aria-label="Conversation">
        {bubbles.map((b, i) => (
          <li key={i} className={`bubble bubble-${b.from}`}>
            <span className="visually-hidden">{b.from === 'assistant' ? 'waQup: ' : 'You: '}</span>
            {b.text}
          </li>
        ))}
      </ol>
      {summary && <ConfirmationCard summary={summary} busy={busy} onConfirm={confirm} onChange={change} />}
      <Problem error={error} />
      {chips.length > 0 && (
        <div className="chips" role="group" aria-label="Quick replies">
          {chips.map((c) => (
            <button key={c} type="button" className="chip" disabled={busy} onClick={() => void send(c)}>
              {c}
            </button>
          ))}
        </div>
      )}
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault()
          void send(draft)
        }}
      >
        <label htmlFor="message" className="visually-hidden">
          Your answer
        </label>
        <textarea
          id="message"
          ref={input}
          rows={2}
          maxLength={2000}
          value={draft}
          placeholder="Type your answer…"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              void send(draft)
            }
          }}
        />
        {Speech && (
          <button type="button" className="button-secondary" onClick={listen} aria-pressed={listening}>
            {listening ? 'Stop listening' : 'Speak'}
          </button>
        )}
        <button type="submit" disabled={busy || !draft.trim()}>
          Send
        </button>
      </form>
      <p>
        <button type="button" className="button-secondary" onClick={startOver}>
          Start a new one
        </button>
      </p>
    </section>
  )
}

function Problem({ error }: { error: unknown }) {
  if (!error) return null
  const credits = error instanceof ApiError && error.code === 'INSUFFICIENT_CREDITS'
  return (
    <div className="note note-error" role="alert">
      <p>{plainMessage(error)}</p>
      {credits && (
        <p>
          <Link to="/credits">Get more credits</Link>
        </p>
      )}
    </div>
  )
}

export function ConfirmationCard({ summary, busy, onConfirm, onChange }: {
  summary: Summary
  busy: boolean
  onConfirm: () => void
  onChange: () => void
}) {
  const short = summary.available !== undefined && summary.available !== null && summary.available < summary.cost
  const rows: [string, string | undefined][] = [
    ['Type', TYPE_LABEL[summary.content_type]],
    ['Focus', summary.focus],
    ['Length', summary.duration],
    ['When', summary.time_of_day],
    ['Where', summary.place],
    ['Voice', summary.voice_id],
    ['Pace', summary.pace],
    ['Tone', summary.tone],
  ]
  return (
    <article className="card confirm-card" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{summary.title}</h2>
      <dl className="facts">
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p data-testid="cost">
        Costs <strong>{summary.cost} credit{summary.cost === 1 ? '' : 's'}</strong>
        {summary.available !== undefined && summary.available !== null && <> · you have {summary.available}</>}
      </p>
      {short && (
        <p className="note note-warn" role="alert">
          You need {summary.cost - (summary.available ?? 0)} more credit{summary.cost - (summary.available ?? 0) === 1 ? '' : 's'}.{' '}
          <Link to="/credits">See your credits</Link>
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onConfirm} disabled={busy}>
          Create it
        </button>
        <button type="button" className="button-secondary" onClick={onChange} disabled={busy}>
          Change something
        </button>
      </div>
    </article>
  )
}
