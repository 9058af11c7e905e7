import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ContentSummary } from '../src/api/types'
import { AuthProvider } from '../src/auth/AuthContext'
import Home from '../src/pages/Home'
import Library from '../src/pages/Library'
import { envelope, fakeApi, pagination, type Call } from './fakeApi'

const item = (id: string, title: string, extra: Partial<ContentSummary> = {}): ContentSummary => ({
  id, content_type: 'affirmation', title, depth: 'medium', duration: 60, tags: [], created_at: '2026-12-01T10:00:00Z',
  last_played_at: null, play_count: 0, favorite: false, folder_id: null, source: 'own', pack_id: null, ...extra,
})

const ITEMS = [item('a', 'My morning'), item('b', 'Let the day go', { source: 'pack', pack_id: 'p1' })]

const library = (call: Call) => {
  const pack = call.query.get('pack_id')
  const items = pack ? ITEMS.filter((i) => i.pack_id === pack) : ITEMS
  return { body: { content_items: items, pagination: pagination(items.length) } }
}

afterEach(() => vi.unstubAllGlobals())

describe('Library pack filter', () => {
  it('shouldNamePackItemsAndFilterByPack', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/content': library,
      'GET /api/v1/content/folders': { body: { folders: [] } },
      'GET /api/v1/catalog/packs/p1': { body: { id: 'p1', title: 'Deep sleep' } },
    })
    render(<MemoryRouter initialEntries={['/library']}><Library /></MemoryRouter>)

    const list = screen.getByRole('list', { name: 'Practices' })
    await waitFor(() => expect(within(list).getByRole('link', { name: /Let the day go/ })).toHaveTextContent('from Deep sleep'))
    expect(within(list).getByRole('link', { name: /My morning/ })).not.toHaveTextContent('from')

    await user.selectOptions(screen.getByLabelText('Pack'), 'Deep sleep')

    await waitFor(() => expect(within(list).queryByRole('link', { name: /My morning/ })).not.toBeInTheDocument())
    expect(api.called('GET', '/api/v1/content').at(-1)!.query.get('pack_id')).toBe('p1')
  })
})

describe('Home recommendations', () => {
  const home = (recommendations: unknown) => fakeApi({
    'GET /api/v1/users/me/stats': { body: { current_streak: 2, longest_streak: 3, total_sessions: 4, total_minutes: 9 } },
    'GET /api/v1/credits/balance': { body: { balance: 5 } },
    'GET /api/v1/content': { body: { content_items: [], pagination: pagination(0) } },
    'GET /api/v1/catalog/recommendations': recommendations as never,
  })

  it('shouldRecommendPacksWithTheirReason', async () => {
    home({ body: { recommendations: [{ pack_id: 'p1', title: 'Deep sleep', reason: 'Because you often practise for sleep and evening', score: 0.9 }] } })
    render(<AuthProvider><MemoryRouter><Home /></MemoryRouter></AuthProvider>)
    const link = await screen.findByRole('link', { name: /Deep sleep/ })
    expect(link).toHaveAttribute('href', '/marketplace/p1')
    expect(link).toHaveTextContent('Because you often practise for sleep and evening')
  })

  it('shouldLeaveRecommendationsOutWhenTheCatalogCannotAnswer', async () => {
    const api = home(envelope(503, 'SERVICE_UNAVAILABLE', 'down'))
    render(<AuthProvider><MemoryRouter><Home /></MemoryRouter></AuthProvider>)
    await waitFor(() => expect(screen.getByTestId('balance')).toHaveTextContent('5'))
    await waitFor(() => expect(api.called('GET', '/api/v1/catalog/recommendations')).toHaveLength(1))
    // let the refused answer reach the page
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(screen.queryByRole('heading', { name: 'Recommended for you' })).not.toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
