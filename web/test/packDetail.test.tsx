import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CatalogPackDetail, Review } from '../src/api/types'
import PackDetail, { accessPolling } from '../src/marketplace/PackDetail'
import { envelope, fakeApi, pagination } from './fakeApi'

vi.mock('../src/ui/leave', () => ({ leaveTo: vi.fn() }))
const { leaveTo } = await import('../src/ui/leave')

const detail = (extra: Partial<CatalogPackDetail> = {}): CatalogPackDetail => ({
  id: 'p1', title: 'Deep sleep', description: 'Seven evenings of letting go.', creator: { id: 'c1', name: 'Ana Calm' },
  price_type: 'free', price_amount: 0, currency: 'usd', ritual_count: 2, rating: 4.5, review_count: 2,
  tags: ['sleep'], published_at: '2026-12-01T10:00:00Z', user_has_access: false,
  rituals: [
    { id: 'i1', title: 'Let the day go', duration: 300, practice_type: 'guided_meditation' },
    { id: 'i2', title: 'Heavy and warm', duration: 120, practice_type: 'affirmation' },
  ],
  ...extra,
})

const reviews = (list: Review[] = []) => ({
  body: { reviews: list, rating: 4.5, review_count: 2, pagination: pagination(list.length) },
})

function renderPack(url = '/marketplace/p1') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/marketplace/:id" element={<PackDetail />} />
      </Routes>
    </MemoryRouter>,
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.mocked(leaveTo).mockClear()
})

describe('PackDetail', () => {
  it('shouldClaimAFreePackAndThenOfferItsPracticesAndAReview', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail() },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
      'POST /api/v1/payments/checkout': { body: { access_granted: true, pack_id: 'p1', price_type: 'free', payment_id: 'pay1', already_owned: false } },
    })
    renderPack()

    expect(await screen.findByRole('heading', { level: 1, name: 'Deep sleep' })).toBeInTheDocument()
    expect(screen.getByTestId('pack-rating')).toHaveTextContent('4.5 out of 5 (2 reviews)')
    expect(within(screen.getByRole('list', { name: 'Practices in this pack' })).getAllByRole('listitem')).toHaveLength(2)
    expect(screen.getByText('Get this pack to review it.')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'Your review' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Add to my library (free)' }))

    expect(await screen.findByText('Added to your library. Its practices appear there in a moment.')).toBeInTheDocument()
    expect(api.called('POST', '/api/v1/payments/checkout')[0].body).toEqual({ pack_id: 'p1', price_type: 'free' })
    expect(screen.getByRole('link', { name: 'Open its practices in your library' })).toHaveAttribute('href', '/library?pack=p1')
    expect(screen.queryByRole('button', { name: /Add to my library/ })).not.toBeInTheDocument()
    expect(screen.getByRole('form', { name: 'Your review' })).toBeInTheDocument()
  })

  it('shouldOpenTheCheckoutForAPaidPackWithReturnAddressesOnThePack', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ price_type: 'one_time', price_amount: 9.99 }) },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
      'POST /api/v1/payments/checkout': { body: { checkout_url: 'https://checkout.stripe.com/c/pay/cs_1', session_id: 'cs_1' } },
    })
    renderPack()

    expect(await screen.findByText(/You pay on the checkout page and come back here/)).toBeInTheDocument()
    expect(screen.queryByText(/coming soon/)).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Buy for $9.99' }))

    await waitFor(() => expect(leaveTo).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_1'))
    const origin = window.location.origin
    expect(api.called('POST', '/api/v1/payments/checkout')[0].body).toEqual({
      pack_id: 'p1', price_type: 'one_time',
      success_url: `${origin}/marketplace/p1?purchase=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${origin}/marketplace/p1?purchase=cancelled`,
    })
  })

  it('shouldSayInPlainWordsThatAPackAlreadyOwnedIsNotBoughtTwice', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ price_type: 'one_time', price_amount: 9.99 }) },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
      'POST /api/v1/payments/checkout': envelope(409, 'ALREADY_OWNED', 'You already own this pack'),
    })
    renderPack()
    await user.click(await screen.findByRole('button', { name: 'Buy for $9.99' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('You already have this pack: it is in your library, nothing to pay.')
    expect(alert).not.toHaveTextContent('409')
    expect(leaveTo).not.toHaveBeenCalled()
  })

  it('shouldSayInPlainWordsThatOnesOwnPackIsNotForSale', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ price_type: 'one_time', price_amount: 9.99 }) },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
      'POST /api/v1/payments/checkout': envelope(409, 'OWN_PACK', 'You cannot buy your own pack'),
    })
    renderPack()
    await user.click(await screen.findByRole('button', { name: 'Buy for $9.99' }))
    expect(await screen.findByRole('alert')).toHaveTextContent("This is your own pack: you have it already, so there's nothing to buy.")
  })

  it('shouldSayThePaymentIsReceivedAndAskAgainUntilThePackIsInTheLibrary', async () => {
    accessPolling.intervalMs = 5
    const api = fakeApi({
      'GET /api/v1/catalog/packs/p1': [
        { body: detail({ price_type: 'one_time', price_amount: 9.99 }) },
        { body: detail({ price_type: 'one_time', price_amount: 9.99 }) },
        { body: detail({ price_type: 'one_time', price_amount: 9.99, user_has_access: true }) },
      ],
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
    })
    renderPack('/marketplace/p1?purchase=success&session_id=cs_1')
    expect(await screen.findByText('Payment received. The pack arrives in your library in a moment.')).toBeInTheDocument()
    expect(await screen.findByText('This pack is in your library.')).toBeInTheDocument()
    expect(screen.queryByText(/Payment received/)).not.toBeInTheDocument()
    expect(api.called('GET', '/api/v1/catalog/packs/p1')).toHaveLength(3)
  })

  it('shouldSayNothingWasChargedWhenThePackCheckoutIsCancelled', async () => {
    fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ price_type: 'one_time', price_amount: 9.99 }) },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
    })
    renderPack('/marketplace/p1?purchase=cancelled')
    expect(await screen.findByText('The payment was cancelled. Nothing was charged.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Buy for $9.99' })).toBeEnabled()
  })

  it('shouldShowOwnedPacksAsInTheLibrary', async () => {
    fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ user_has_access: true }) },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
    })
    renderPack()
    expect(await screen.findByText('This pack is in your library.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Add to my library|Buy for/ })).not.toBeInTheDocument()
  })

  it('shouldValidateTheReviewBeforeSendingIt', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ user_has_access: true }) },
      'GET /api/v1/catalog/packs/p1/reviews': [
        reviews(),
        reviews([{ pack_id: 'p1', rating: 4, text: 'Helps me sleep', created_at: '2026-12-06T20:00:00Z', mine: true }]),
      ],
      'POST /api/v1/catalog/packs/p1/reviews': (call) => ({ status: 201, body: { pack_id: 'p1', ...(call.body as object), created_at: '2026-12-06T20:00:00Z', mine: true } }),
    })
    renderPack()
    const form = await screen.findByRole('form', { name: 'Your review' })

    await user.click(within(form).getByRole('button', { name: 'Post review' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('Please choose a rating from 1 to 5 stars.')

    await user.click(within(form).getByLabelText('4 stars'))
    const text = within(form).getByLabelText('Your review (optional)')
    await user.click(text)
    await user.paste('x'.repeat(2001))
    await user.click(within(form).getByRole('button', { name: 'Post review' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('Please keep your review under 2000 characters (it has 2001).')
    expect(text).toHaveAttribute('aria-invalid', 'true')
    expect(api.called('POST', '/api/v1/catalog/packs/p1/reviews')).toHaveLength(0)

    await user.clear(text)
    await user.type(text, 'Helps me sleep')
    await user.click(within(form).getByRole('button', { name: 'Post review' }))

    expect(await within(form).findByText('Thank you: your review is posted.')).toBeInTheDocument()
    expect(api.called('POST', '/api/v1/catalog/packs/p1/reviews')[0].body).toEqual({ rating: 4, text: 'Helps me sleep' })
    const list = screen.getByRole('list', { name: 'Reviews' })
    await waitFor(() => expect(within(list).getByText('Helps me sleep')).toBeInTheDocument())
    expect(within(list).getByText(/your review/)).toBeInTheDocument()
  })

  it('shouldExplainARefusedReviewInPlainWords', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: detail({ user_has_access: true }) },
      'GET /api/v1/catalog/packs/p1/reviews': reviews(),
      'POST /api/v1/catalog/packs/p1/reviews': envelope(403, 'OWN_PACK_REVIEW', 'You cannot review your own pack'),
    })
    renderPack()
    const form = await screen.findByRole('form', { name: 'Your review' })
    await user.click(within(form).getByLabelText('5 stars'))
    await user.click(within(form).getByRole('button', { name: 'Post review' }))
    expect(await within(form).findByRole('alert')).toHaveTextContent("You can't review your own pack.")
  })

  it('shouldSayAnUnknownPackIsNotThere', async () => {
    fakeApi({
      'GET /api/v1/catalog/packs/p1': envelope(404, 'PACK_NOT_FOUND', 'Pack not found'),
      'GET /api/v1/catalog/packs/p1/reviews': envelope(404, 'PACK_NOT_FOUND', 'Pack not found'),
    })
    renderPack()
    expect(await screen.findByRole('alert')).toHaveTextContent("We couldn't find that pack.")
  })
})
