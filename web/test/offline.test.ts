import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../src/api/errors'
import { mediaUrl } from '../src/offline/media'

const api = vi.hoisted(() => ({ play: vi.fn(), completePractice: vi.fn() }))
vi.mock('../src/api/api', () => ({ api }))
const queue = await import('../src/offline/practiceQueue')
const { practicesPerWeek } = await import('../src/pages/Progress')

describe('mediaUrl', () => {
  it('shouldPlayAStoreUrlThroughTheGatewayKeepingItsSignedPathAndQuery', () => {
    const signed = 'http://127.0.0.1:9000/waqup/audio/u/i/1.mp3?X-Amz-Credential=a%2Fb&X-Amz-Signature=ff'
    expect(mediaUrl(signed, 'http://127.0.0.1:8080')).toBe('/media/waqup/audio/u/i/1.mp3?X-Amz-Credential=a%2Fb&X-Amz-Signature=ff')
  })

  it('shouldLeaveAnUrlOfTheAppsOwnOriginAsItIs', () => {
    expect(mediaUrl('http://127.0.0.1:8080/api/v1/content/shared/t/audio', 'http://127.0.0.1:8080')).toBe('/api/v1/content/shared/t/audio')
  })
})

describe('practice queue', () => {
  beforeEach(() => {
    api.play.mockReset()
    api.completePractice.mockReset()
  })

  it('shouldSendQueuedPracticesInOrderOnceTheNetworkIsBack', async () => {
    queue.enqueue({ content_id: 'a', started_at: '2026-12-01T07:00:00Z', completed_at: '2026-12-01T07:05:00Z', duration: 300 })
    queue.enqueue({ content_id: 'b', started_at: '2026-12-02T07:00:00Z', completed_at: '2026-12-02T07:03:00Z', duration: 180 })
    api.play.mockRejectedValueOnce(new ApiError(0, 'NETWORK', 'offline'))

    await queue.flush()
    expect(queue.pending()).toBe(2)

    api.play.mockImplementation(async (id: string) => ({ practice_event_id: `pe-${id}` }))
    api.completePractice.mockResolvedValue({ status: 'completed' })
    await queue.flush()

    expect(queue.pending()).toBe(0)
    expect(api.play.mock.calls.slice(1).map((c) => c[0])).toEqual(['a', 'b'])
    expect(api.completePractice.mock.calls).toEqual([
      ['a', 'pe-a', '2026-12-01T07:05:00Z', 300],
      ['b', 'pe-b', '2026-12-02T07:03:00Z', 180],
    ])
  })

  it('shouldNotStartASecondPlayWhenOnlyTheCompletionFailed', async () => {
    queue.enqueue({ content_id: 'a', started_at: '2026-12-01T07:00:00Z', completed_at: '2026-12-01T07:05:00Z', duration: 300 })
    api.play.mockResolvedValue({ practice_event_id: 'pe-1' })
    api.completePractice.mockRejectedValueOnce(new ApiError(503, 'SERVICE_UNAVAILABLE', 'down')).mockResolvedValue({})

    await queue.flush()
    await queue.flush()

    expect(api.play).toHaveBeenCalledOnce()
    expect(api.completePractice).toHaveBeenCalledTimes(2)
    expect(queue.pending()).toBe(0)
  })

  it('shouldDropAPracticeThePlatformRefusesForGood', async () => {
    queue.enqueue({ content_id: 'deleted', started_at: '2026-12-01T07:00:00Z', completed_at: '2026-12-01T07:05:00Z', duration: 1 })
    api.play.mockRejectedValue(new ApiError(404, 'CONTENT_NOT_FOUND', 'gone'))

    await queue.flush()

    expect(queue.pending()).toBe(0)
  })
})

describe('practicesPerWeek', () => {
  it('shouldCountCompletedPracticesInMondayWeeks', () => {
    const now = new Date(2026, 11, 6, 12) // Sunday 6 December 2026
    const at = (d: number, status: 'completed' | 'started' = 'completed') => ({
      id: String(d), ritual_id: 'r', ritual_title: 't', content_type: 'ritual' as const,
      started_at: new Date(2026, 11, d, 8).toISOString(), completed_at: null, duration: 60, status,
    })
    // 6 and 1 December count; a start that never completed and a day after this week (a wrong clock) do not
    const weeks = practicesPerWeek([at(6), at(1), at(1, 'started'), at(29)], 2, now)
    expect(weeks.map((w) => [w.start.getDate(), w.count])).toEqual([[23, 0], [30, 2]])
  })
})
