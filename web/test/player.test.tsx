import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../src/api/errors'
import { initialPlayer, playerReducer, remaining, type PlayerState } from '../src/player/playerState'

const api = vi.hoisted(() => ({
  play: vi.fn(),
  completePractice: vi.fn(),
}))
vi.mock('../src/api/api', () => ({ api }))

const { Player } = await import('../src/player/Player')

const run = (state: PlayerState, ...actions: Parameters<typeof playerReducer>[1][]) => actions.reduce(playerReducer, state)

describe('playerReducer', () => {
  it('shouldCountOnlyTimeActuallyListenedNotSeeks', () => {
    const s = run(initialPlayer(300), { type: 'play', at: 't0' }, { type: 'time', position: 1 }, { type: 'time', position: 2 },
      { type: 'seek', position: 200 }, { type: 'time', position: 200 }, { type: 'time', position: 201 })
    expect(s.listened).toBeCloseTo(3)
    expect(s.position).toBe(201)
    expect(remaining(s)).toBe(99)
  })

  it('shouldStartTheSessionOnceAndKeepItAcrossPauses', () => {
    const s = run(initialPlayer(60), { type: 'play', at: 'first' }, { type: 'pause' }, { type: 'play', at: 'second' })
    expect(s.startedAt).toBe('first')
    expect(s.status).toBe('playing')
  })

  it('shouldCompleteWhenTheAudioEndsAndStartANewSessionOnReplay', () => {
    const ended = run(initialPlayer(60), { type: 'play', at: 'first' }, { type: 'time', position: 1 }, { type: 'ended' })
    expect(ended.completed).toBe(true)
    expect(ended.position).toBe(60)
    const replay = playerReducer(ended, { type: 'play', at: 'again' })
    expect(replay).toMatchObject({ startedAt: 'again', completed: false, listened: 0, status: 'playing' })
  })

  it('shouldNotCompleteWhatWasNeverPlayed', () => {
    expect(playerReducer(initialPlayer(60), { type: 'ended' }).completed).toBe(false)
  })

  it('shouldClampSeeksToTheAudio', () => {
    expect(playerReducer(initialPlayer(60), { type: 'seek', position: 500 }).position).toBe(60)
    expect(playerReducer(initialPlayer(60), { type: 'seek', position: -5 }).position).toBe(0)
  })
})

describe('Player', () => {
  beforeEach(() => {
    api.play.mockReset()
    api.completePractice.mockReset()
  })

  const renderPlayer = () => {
    render(<Player contentId="c1" title="Evening Calm" contentType="ritual" src="/offline/audio/c1" duration={120} />)
    return document.querySelector('audio')!
  }

  it('shouldSendOnePlayEventAndOneCompletionWithTheListenedSeconds', async () => {
    api.play.mockResolvedValue({ practice_event_id: 'pe-1', status: 'started' })
    api.completePractice.mockResolvedValue({ status: 'completed' })
    const audio = renderPlayer()

    fireEvent.play(audio)
    fireEvent.pause(audio)
    fireEvent.play(audio)
    for (let t = 1; t <= 5; t++) {
      audio.currentTime = t
      fireEvent.timeUpdate(audio)
    }
    expect(screen.getByTestId('elapsed')).toHaveTextContent('0:05')
    expect(screen.getByTestId('remaining')).toHaveTextContent('-1:55')
    fireEvent.ended(audio)

    await waitFor(() => expect(api.completePractice).toHaveBeenCalledOnce())
    expect(api.play).toHaveBeenCalledOnce()
    expect(api.play.mock.calls[0][0]).toBe('c1')
    const [id, eventId, completedAt, duration] = api.completePractice.mock.calls[0]
    expect([id, eventId, duration]).toEqual(['c1', 'pe-1', 5])
    expect(Date.parse(completedAt)).not.toBeNaN()
    expect(await screen.findByText('Practice complete. Well done.')).toBeInTheDocument()
  })

  it('shouldKeepAnOfflinePracticeToSendLater', async () => {
    api.play.mockRejectedValue(new ApiError(0, 'NETWORK', 'offline'))
    const audio = renderPlayer()

    fireEvent.play(audio)
    audio.currentTime = 1
    fireEvent.timeUpdate(audio)
    fireEvent.ended(audio)

    expect(await screen.findByText("Practice complete. It will count as soon as you're back online.")).toBeInTheDocument()
    const queued = JSON.parse(localStorage.getItem('waqup.practice-queue') ?? '[]')
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({ content_id: 'c1', duration: 1 })
    expect(queued[0].started_at).toBeTruthy()
    expect(queued[0].completed_at).toBeTruthy()
    expect(api.completePractice).not.toHaveBeenCalled()
  })

  it('shouldLabelItsControls', () => {
    renderPlayer()
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
    expect(screen.getByRole('slider', { name: 'Position' })).toHaveAttribute('aria-valuetext', '0:00 of 2:00')
    expect(screen.getByRole('region', { name: 'Player: Evening Calm' })).toBeInTheDocument()
  })
})
