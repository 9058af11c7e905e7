import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { api } from '../api/api'
import { ApiError } from '../api/errors'
import type { ContentType } from '../api/types'
import { enqueue, flush } from '../offline/practiceQueue'
import { clock, TYPE_LABEL } from '../ui/format'
import { initialPlayer, playerReducer, remaining } from './playerState'

export interface PlayerProps {
  contentId: string
  title: string
  contentType: ContentType
  src: string
  duration: number
  autoPlay?: boolean
}

/**
 * Play/pause/seek with elapsed and remaining time; lock-screen and headset controls through the Media Session API;
 * the practice events the library expects: a play when a session starts, a completion when the audio ends
 * (queued while offline and sent later).
 */
export function Player({ contentId, title, contentType, src, duration, autoPlay }: PlayerProps) {
  const audio = useRef<HTMLAudioElement>(null)
  const [state, dispatch] = useReducer(playerReducer, duration, initialPlayer)
  const eventId = useRef<Promise<string | null> | null>(null)
  const [note, setNote] = useState<string | null>(null)

  const toggle = useCallback(() => {
    const el = audio.current
    if (!el) return
    if (el.paused) void el.play().catch(() => dispatch({ type: 'error', message: "This audio can't be played right now." }))
    else el.pause()
  }, [])

  const seekTo = useCallback((seconds: number) => {
    const el = audio.current
    if (!el) return
    el.currentTime = Math.max(0, Math.min(seconds, Number.isFinite(el.duration) ? el.duration : seconds))
    dispatch({ type: 'seek', position: el.currentTime })
  }, [])

  // the play event, once per session
  useEffect(() => {
    if (!state.startedAt || state.completed) return
    if (eventId.current) return
    const startedAt = state.startedAt
    // offline or refused: no event id, and the completion goes to the queue with its start (it records both)
    eventId.current = api.play(contentId, startedAt).then(
      (r) => r.practice_event_id,
      () => null,
    )
  }, [state.startedAt, state.completed, contentId])

  // the completion, once
  useEffect(() => {
    if (!state.completed || !state.startedAt) return
    const startedAt = state.startedAt
    const listened = Math.round(state.listened)
    const completedAt = new Date().toISOString()
    const pendingId = eventId.current ?? Promise.resolve(null)
    eventId.current = null
    void pendingId.then(async (id) => {
      try {
        if (!id) throw new ApiError(0, 'NETWORK', 'no play event')
        await api.completePractice(contentId, id, completedAt, listened)
        setNote('Practice complete. Well done.')
      } catch {
        enqueue({ content_id: contentId, started_at: startedAt, completed_at: completedAt, duration: listened,
          practice_event_id: id ?? undefined })
        setNote("Practice complete. It will count as soon as you're back online.")
        void flush()
      }
    })
  }, [state.completed, state.startedAt, state.listened, contentId])

  // lock screen, headset and notification controls
  useEffect(() => {
    if (!('mediaSession' in navigator)) return
    const session = navigator.mediaSession
    session.metadata = new MediaMetadata({
      title,
      artist: 'waQup',
      album: TYPE_LABEL[contentType],
      artwork: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      ],
    })
    const handlers: [MediaSessionAction, MediaSessionActionHandler | null][] = [
      ['play', () => void audio.current?.play()],
      ['pause', () => audio.current?.pause()],
      ['seekbackward', (d) => seekTo((audio.current?.currentTime ?? 0) - (d.seekOffset ?? 10))],
      ['seekforward', (d) => seekTo((audio.current?.currentTime ?? 0) + (d.seekOffset ?? 10))],
      ['seekto', (d) => d.seekTime !== undefined && seekTo(d.seekTime)],
    ]
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler)
      } catch {
        // an action this browser does not know
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null)
        } catch {
          // ignore
        }
      }
    }
  }, [title, contentType, seekTo])

  useEffect(() => {
    if (!('mediaSession' in navigator)) return
    navigator.mediaSession.playbackState = state.status === 'playing' ? 'playing' : state.status === 'paused' ? 'paused' : 'none'
    if (state.duration > 0 && navigator.mediaSession.setPositionState) {
      try {
        navigator.mediaSession.setPositionState({
          duration: state.duration,
          position: Math.min(state.position, state.duration),
          playbackRate: 1,
        })
      } catch {
        // ignore inconsistent positions while loading
      }
    }
  }, [state.status, state.position, state.duration])

  const playing = state.status === 'playing'
  return (
    <section className="player" aria-label={`Player: ${title}`}>
      <audio
        ref={audio}
        src={src}
        preload="metadata"
        autoPlay={autoPlay}
        onLoadedMetadata={(e) => dispatch({ type: 'duration', duration: e.currentTarget.duration })}
        onDurationChange={(e) => dispatch({ type: 'duration', duration: e.currentTarget.duration })}
        onPlay={() => dispatch({ type: 'play', at: new Date().toISOString() })}
        onPause={() => dispatch({ type: 'pause' })}
        onTimeUpdate={(e) => dispatch({ type: 'time', position: e.currentTarget.currentTime })}
        onEnded={() => dispatch({ type: 'ended' })}
        onError={() => dispatch({ type: 'error', message: "This audio can't be played right now." })}
      />
      <div className="player-row">
        <button
          type="button"
          className="play-button"
          onClick={toggle}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="play-toggle"
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        </button>
        <div className="player-progress">
          <input
            type="range"
            min={0}
            max={Math.max(1, Math.round(state.duration))}
            step={1}
            value={Math.round(state.position)}
            onChange={(e) => seekTo(Number(e.target.value))}
            aria-label="Position"
            aria-valuetext={`${clock(state.position)} of ${clock(state.duration)}`}
          />
          <div className="player-times">
            <span data-testid="elapsed">{clock(state.position)}</span>
            <span data-testid="remaining">-{clock(remaining(state))}</span>
          </div>
        </div>
      </div>
      <div className="player-row player-skip">
        <button type="button" className="button-secondary" onClick={() => seekTo(state.position - 15)}>
          Back 15 s
        </button>
        <button type="button" className="button-secondary" onClick={() => seekTo(state.position + 15)}>
          Forward 15 s
        </button>
      </div>
      {state.error && <p role="alert" className="note note-error">{state.error}</p>}
      <p role="status" className="player-status" data-testid="player-status">
        {note ?? (state.status === 'ended' ? 'Finished.' : '')}
      </p>
    </section>
  )
}
