import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CatalogPack } from '../src/api/types'
import Marketplace from '../src/marketplace/Marketplace'
import { envelope, fakeApi, pagination, type Call } from './fakeApi'

const pack = (id: string, title: string, extra: Partial<CatalogPack> = {}): CatalogPack => ({
  id, title, description: '', creator: { id: 'c1', name: 'Ana Calm' }, price_type: 'free', price_amount: 0,
  currency: 'usd', ritual_count: 3, rating: 4.5, review_count: 12, tags: ['sleep'], ...extra,
})

const SLEEP = pack('p1', 'Deep sleep', { tags: ['sleep', 'evening'] })
const FOCUS = pack('p2', 'Morning focus', { price_type: 'one_time', price_amount: 9.99, rating: null, review_count: 0, tags: ['focus'] })

/** The catalog as the fake answers it: the search narrows by title prefix, the filters by price type and tags. */
function catalog(call: Call) {
  const search = (call.query.get('search') ?? '').toLowerCase()
  const price = call.query.get('price_type')
  const tags = call.query.getAll('tags')
  const packs = [SLEEP, FOCUS].filter((p) =>
    (!search || p.title.toLowerCase().split(' ').some((w) => w.startsWith(search.split(' ').pop()!)))
    && (!price || p.price_type === price)
    && tags.every((t) => t.split(',').every((one) => p.tags.includes(one))))
  return { body: { packs, pagination: pagination(packs.length) } }
}

function Where() {
  const location = useLocation()
  return <output data-testid="url">{location.search}</output>
}

function renderMarketplace(url = '/marketplace') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/marketplace" element={<><Marketplace /><Where /></>} />
      </Routes>
    </MemoryRouter>,
  )
}

afterEach(() => vi.unstubAllGlobals())

describe('Marketplace search', () => {
  it('shouldAskTheCatalogOncePerPauseWhileTyping', async () => {
    const user = userEvent.setup()
    const api = fakeApi({ 'GET /api/v1/catalog/packs': catalog })
    renderMarketplace()
    expect(await screen.findByRole('link', { name: /Deep sleep/ })).toBeInTheDocument()
    expect(api.called('GET', '/api/v1/catalog/packs')).toHaveLength(1)

    await user.type(screen.getByLabelText('Search packs'), 'morn')

    const results = screen.getByRole('list', { name: 'Packs found' })
    await waitFor(() => expect(within(results).queryByRole('link', { name: /Deep sleep/ })).not.toBeInTheDocument())
    expect(within(results).getByRole('link', { name: /Morning focus/ })).toBeInTheDocument()
    // four keys typed, one search sent for what was typed (not one per key)
    const searches = api.called('GET', '/api/v1/catalog/packs').slice(1)
    expect(searches.map((c) => c.query.get('search'))).toEqual(['morn'])
    expect(screen.getByText('1 pack found')).toHaveAttribute('aria-live', 'polite')
    await waitFor(() => expect(screen.getByTestId('url')).toHaveTextContent('q=morn'))
  })

  it('shouldFilterByPriceTypeAndTags', async () => {
    const user = userEvent.setup()
    const api = fakeApi({ 'GET /api/v1/catalog/packs': catalog })
    renderMarketplace()
    await screen.findByRole('link', { name: /Deep sleep/ })

    await user.selectOptions(screen.getByLabelText('Price'), 'One-time purchase')
    await waitFor(() => expect(screen.queryByRole('link', { name: /Deep sleep/ })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: /Morning focus/ })).toHaveTextContent('$9.99')
    expect(screen.getByRole('link', { name: /Morning focus/ })).toHaveTextContent('Not rated yet')

    await user.selectOptions(screen.getByLabelText('Price'), 'Any price')
    await user.type(screen.getByLabelText('Tags'), 'Sleep, evening')
    await waitFor(() => expect(screen.queryByRole('link', { name: /Morning focus/ })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: /Deep sleep/ })).toHaveTextContent('4.5 out of 5 (12 reviews)')

    const last = api.called('GET', '/api/v1/catalog/packs').at(-1)!
    expect(last.query.get('price_type')).toBeNull()
    expect(last.query.getAll('tags').join(',')).toBe('sleep,evening')
    expect(api.called('GET', '/api/v1/catalog/packs').some((c) => c.query.get('price_type') === 'one_time')).toBe(true)
  })

  it('shouldSayNothingMatchesAndOfferToClearTheFilters', async () => {
    const user = userEvent.setup()
    fakeApi({ 'GET /api/v1/catalog/packs': catalog })
    renderMarketplace('/marketplace?q=zzz')

    expect(await screen.findByText('No pack matches this search. Try fewer words or other filters.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }))
    expect(await screen.findByRole('link', { name: /Deep sleep/ })).toBeInTheDocument()
    expect(screen.getByLabelText('Search packs')).toHaveValue('')
  })

  it('shouldShowAnErrorInPlainWordsAndRetry', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/catalog/packs': [
        envelope(400, 'VALIDATION_FAILED', 'invalid', { fields: { search: 'is too long (at most 200 characters)' } }),
        catalog,
      ],
    })
    renderMarketplace()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Please check: search is too long (at most 200 characters).')
    expect(alert).not.toHaveTextContent('VALIDATION_FAILED')
    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('link', { name: /Deep sleep/ })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shouldSayTheCatalogIsEmptyWithoutFilters', async () => {
    fakeApi({ 'GET /api/v1/catalog/packs': { body: { packs: [], pagination: pagination(0) } } })
    renderMarketplace()
    expect(await screen.findByText('The marketplace has no packs yet.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Clear search and filters' })).not.toBeInTheDocument()
  })
})
