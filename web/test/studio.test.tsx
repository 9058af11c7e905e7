import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ContentSummary, StudioPack } from '../src/api/types'
import { readSession } from '../src/auth/session'
import PackEditor, { move } from '../src/studio/PackEditor'
import Studio from '../src/studio/Studio'
import { envelope, fakeApi, pagination } from './fakeApi'

const item = (id: string, title: string, extra: Partial<ContentSummary> = {}): ContentSummary => ({
  id, content_type: 'affirmation', title, depth: 'medium', duration: 60, tags: [], created_at: '2026-12-01T10:00:00Z',
  last_played_at: null, play_count: 0, favorite: false, folder_id: null, source: 'own', pack_id: null, ...extra,
})

const LIBRARY = [
  item('a', 'Morning light'), item('b', 'Evening calm'), item('c', 'Focus now'),
  item('x', 'Someone else’s pack item', { source: 'pack', pack_id: 'other' }),
]

const draft = (extra: Partial<StudioPack> = {}): StudioPack => ({
  id: 'k1', status: 'draft', title: 'Daily calm', description: '', price_type: 'free', price_amount: 0, currency: 'usd',
  subscription_interval: null, tags: [], cover_url: null, revision: 0, item_count: 2,
  items: [
    { item_id: 'i1', content_id: 'a', position: 0, title: 'Morning light', duration: 60, practice_type: 'affirmation' },
    { item_id: 'i2', content_id: 'b', position: 1, title: 'Evening calm', duration: 60, practice_type: 'affirmation' },
  ],
  created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', published_at: null, archived_at: null,
  ...extra,
})

const libraryAnswer = { body: { content_items: LIBRARY, pagination: pagination(LIBRARY.length) } }

function renderEditor() {
  render(
    <MemoryRouter initialEntries={['/studio/packs/k1']}>
      <Routes>
        <Route path="/studio/packs/:id" element={<PackEditor />} />
        <Route path="/marketplace/:id" element={<p>marketplace page</p>} />
      </Routes>
    </MemoryRouter>,
  )
}

const titles = () =>
  within(screen.getByRole('list', { name: 'Practices in this pack' })).getAllByRole('listitem')
    .map((li) => li.querySelector('.list-title')?.textContent)

afterEach(() => vi.unstubAllGlobals())

describe('move', () => {
  it('shouldMoveASlotAndIgnoreMovesPastTheEnds', () => {
    const slots = [{ content_id: 'a', title: 'A', duration: 1 }, { content_id: 'b', title: 'B', duration: 1 }]
    expect(move(slots, 0, 1).map((s) => s.content_id)).toEqual(['b', 'a'])
    expect(move(slots, 0, -1)).toBe(slots)
    expect(move(slots, 1, 1)).toBe(slots)
  })
})

describe('Pack editor', () => {
  it('shouldReorderAndAddOwnPracticesAndSaveTheOrder', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/creators/me/packs/k1': { body: draft() },
      'GET /api/v1/content': libraryAnswer,
      'PUT /api/v1/creators/me/packs/k1/items': (call) => {
        const ids = (call.body as { content_ids: string[] }).content_ids
        return { body: draft({ items: ids.map((id, i) => ({ item_id: `i-${id}`, content_id: id, position: i,
          title: LIBRARY.find((l) => l.id === id)!.title, duration: 60, practice_type: 'affirmation' })) }) }
      },
    })
    renderEditor()
    await screen.findByRole('heading', { level: 1, name: 'Daily calm' })
    expect(titles()).toEqual(['1. Morning light', '2. Evening calm'])
    expect(screen.getByRole('button', { name: 'Save practices and order' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Move Morning light up' })).toBeDisabled()

    await user.click(screen.getByRole('button', { name: 'Move Evening calm up' }))
    expect(titles()).toEqual(['1. Evening calm', '2. Morning light'])
    expect(screen.getByText('Evening calm moved to position 1 of 2.')).toBeInTheDocument()

    // only the creator's own practices are offered, and not those already in the pack
    const add = screen.getByLabelText('Add one of your practices')
    await waitFor(() => expect(within(add).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a practice…', 'Focus now (1 min)']))
    await user.selectOptions(add, 'c')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    await user.click(screen.getByRole('button', { name: 'Move Morning light down' }))
    expect(titles()).toEqual(['1. Evening calm', '2. Focus now', '3. Morning light'])

    await user.click(screen.getByRole('button', { name: 'Save practices and order' }))

    expect(await screen.findByText('Practices saved.')).toBeInTheDocument()
    expect(api.called('PUT', '/api/v1/creators/me/packs/k1/items')[0].body).toEqual({ content_ids: ['b', 'c', 'a'] })
    expect(screen.getByRole('button', { name: 'Save practices and order' })).toBeDisabled()
  })

  it('shouldNameWhatStopsPublishingAndPublishOnceFixed', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/creators/me/packs/k1': { body: draft() },
      'GET /api/v1/content': libraryAnswer,
      'GET /api/v1/creators/me/packs/k1/analytics': { body: { pack_id: 'k1', from: '2026-11-08', to: '2026-12-07', claims: 0, purchases: 0, plays: 0, completions: 0, unique_practitioners: 0, rating: null, daily: [] } },
      'POST /api/v1/creators/me/packs/k1/publish': [
        envelope(409, 'CREATOR_PROFILE_REQUIRED', 'Creator profile required'),
        envelope(400, 'PACK_NOT_PUBLISHABLE', 'Not publishable', { fields: { price_amount: 'must be more than 0 for a one_time pack' } }),
        { body: draft({ status: 'published', revision: 1, published_at: '2026-12-07T01:00:00Z' }) },
      ],
    })
    renderEditor()
    const publish = await screen.findByRole('button', { name: 'Publish pack' })

    await user.click(publish)
    expect(await screen.findByRole('alert')).toHaveTextContent('Please fill in your creator profile (at least your display name) before publishing.')

    await user.click(publish)
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(
      "It can't be published yet. Please check: price must be more than 0 for a one_time pack."))
    expect(screen.getByRole('alert')).not.toHaveTextContent('PACK_NOT_PUBLISHABLE')
    expect(screen.getByTestId('pack-status')).toHaveTextContent('Draft')

    await user.click(publish)
    await waitFor(() => expect(screen.getByTestId('pack-status')).toHaveTextContent('Published · revision 1'))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See it in the marketplace' })).toHaveAttribute('href', '/marketplace/k1')
    expect(await screen.findByRole('heading', { name: 'Analytics' })).toBeInTheDocument()
    expect(api.called('POST', '/api/v1/creators/me/packs/k1/publish')).toHaveLength(3)
  })

  it('shouldArchiveOnlyAfterConfirmation', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/creators/me/packs/k1': { body: draft({ status: 'published', revision: 2, published_at: '2026-12-06T10:00:00Z' }) },
      'GET /api/v1/content': libraryAnswer,
      'GET /api/v1/creators/me/packs/k1/analytics': {
        body: { pack_id: 'k1', from: '2026-12-06', to: '2026-12-07', claims: 3, purchases: 1, plays: 9, completions: 5,
          unique_practitioners: 4, rating: { average: 4.5, count: 2 },
          daily: [{ date: '2026-12-06', claims: 1, purchases: 0, plays: 4, completions: 2, ratings: 1 },
            { date: '2026-12-07', claims: 2, purchases: 1, plays: 5, completions: 3, ratings: 1 }] },
      },
      'POST /api/v1/creators/me/packs/k1/archive': { body: draft({ status: 'archived', revision: 2, archived_at: '2026-12-07T01:00:00Z' }) },
    })
    renderEditor()

    // analytics: the totals and the chart's figures as a table
    const analytics = (await screen.findByRole('heading', { name: 'Analytics' })).closest('section')!
    await waitFor(() => expect(within(analytics).getByText('new owners (3 free, 1 bought)')).toBeInTheDocument())
    expect(within(analytics).getByRole('img')).toHaveAccessibleName(/plays 9, completions 5, new owners 4/)
    expect(within(analytics).getAllByRole('row')).toHaveLength(3)

    await user.click(screen.getByRole('button', { name: 'Archive pack…' }))
    expect(api.called('POST', '/api/v1/creators/me/packs/k1/archive')).toHaveLength(0)
    await user.click(screen.getByRole('button', { name: 'Yes, archive it' }))

    await waitFor(() => expect(screen.getByTestId('pack-status')).toHaveTextContent('Archived'))
    expect(api.called('POST', '/api/v1/creators/me/packs/k1/archive')).toHaveLength(1)
    expect(screen.queryByRole('button', { name: 'Publish pack' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Save details' })).toBeDisabled()
  })
})

describe('Studio', () => {
  it('shouldMakeThePersonACreatorAndKeepTheNewToken', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/users/me': [
        { body: { id: 'u1', email: 'sam@example.com', preferences: {}, roles: ['user'], tier: 'free', created_at: '2026-12-01T00:00:00Z' } },
        { body: { id: 'u1', email: 'sam@example.com', preferences: {}, roles: ['user', 'creator'], tier: 'free', created_at: '2026-12-01T00:00:00Z' } },
      ],
      'POST /api/v1/users/me/creator': { body: { id: 'u1', roles: ['user', 'creator'], token: 'creator-access' } },
      'GET /api/v1/creators/me': envelope(404, 'CREATOR_NOT_FOUND', 'No creator profile yet'),
      'GET /api/v1/creators/me/packs': { body: { packs: [], pagination: pagination(0) } },
    })
    render(<MemoryRouter><Studio /></MemoryRouter>)

    await user.click(await screen.findByRole('button', { name: 'Become a creator' }))

    expect(await screen.findByRole('heading', { name: 'Your creator profile' })).toBeInTheDocument()
    expect(readSession()).toMatchObject({ token: 'creator-access', refresh_token: 'refresh' })
    expect(screen.getByLabelText('Display name')).toHaveValue('')
    expect(screen.getByLabelText('Display name')).toHaveFocus()
    expect(screen.getByText("You're a creator now. Start with your profile.")).toBeInTheDocument()
    expect(await screen.findByText('No pack yet. Give your first one a title above.')).toBeInTheDocument()
  })

  it('shouldSayADisplayNameIsTaken', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/users/me': { body: { id: 'u1', email: 'sam@example.com', preferences: {}, roles: ['user', 'creator'], tier: 'free', created_at: '2026-12-01T00:00:00Z' } },
      'GET /api/v1/creators/me': { body: { display_name: 'Sam', bio: null, avatar_url: null, links: [] } },
      'PUT /api/v1/creators/me': envelope(409, 'DISPLAY_NAME_TAKEN', 'taken'),
      'GET /api/v1/creators/me/packs': { body: { packs: [], pagination: pagination(0) } },
    })
    render(<MemoryRouter><Studio /></MemoryRouter>)
    const name = await screen.findByLabelText('Display name')
    expect(name).toHaveValue('Sam')
    await user.clear(name)
    await user.type(name, 'Ana Calm')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Another creator already uses that display name.')
  })
})

describe('Pack details', () => {
  it('shouldCheckThePriceBeforeSavingAPaidPack', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/creators/me/packs/k1': { body: draft() },
      'GET /api/v1/content': libraryAnswer,
      'PUT /api/v1/creators/me/packs/k1': (call) => ({ body: draft(call.body as Partial<StudioPack>) }),
    })
    renderEditor()
    await user.selectOptions(await screen.findByLabelText('Price type'), 'One-time purchase')
    await user.type(screen.getByLabelText('Price'), '9,99')
    await user.click(screen.getByRole('button', { name: 'Save details' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Please enter a price like 9.99 (at most two decimals).')
    expect(api.called('PUT', '/api/v1/creators/me/packs/k1')).toHaveLength(0)

    await user.clear(screen.getByLabelText('Price'))
    await user.type(screen.getByLabelText('Price'), '9.99')
    await user.selectOptions(screen.getByLabelText('Currency'), 'EUR')
    await user.type(screen.getByLabelText('Tags'), 'Sleep, evening')
    await user.click(screen.getByRole('button', { name: 'Save details' }))

    expect(await screen.findByText('Details saved.')).toBeInTheDocument()
    expect(api.called('PUT', '/api/v1/creators/me/packs/k1')[0].body).toMatchObject({
      title: 'Daily calm', price_type: 'one_time', price_amount: 9.99, currency: 'eur', subscription_interval: null,
      tags: ['sleep', 'evening'],
    })
  })
})

describe('Pack practices refused', () => {
  it('shouldNameThePracticeThatCannotGoIntoThePack', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/creators/me/packs/k1': { body: draft() },
      'GET /api/v1/content': libraryAnswer,
      'PUT /api/v1/creators/me/packs/k1/items': envelope(400, 'CONTENT_NOT_OWNED', 'Not yours',
        { fields: { 'content_ids[1]': 'is not a ready item of your own library' } }),
    })
    renderEditor()
    await user.click(await screen.findByRole('button', { name: 'Move Evening calm up' }))
    await user.click(screen.getByRole('button', { name: 'Save practices and order' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“Morning light” cannot go into a pack: only your own practices that are ready can. Remove it and save again.')
    expect(screen.getByRole('button', { name: 'Save practices and order' })).toBeEnabled()
  })
})
