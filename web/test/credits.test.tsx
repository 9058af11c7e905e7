import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BALANCE_BEFORE_KEY } from '../src/credits/money'
import Credits, { purchasePolling } from '../src/pages/Credits'
import { envelope, fakeApi, pagination } from './fakeApi'

vi.mock('../src/ui/leave', () => ({ leaveTo: vi.fn() }))
const { leaveTo } = await import('../src/ui/leave')

const PACKS = {
  body: {
    packs: [
      { id: 'starter', credits: 3, price_cents: 499, currency: 'eur' },
      { id: 'seeker', credits: 10, price_cents: 1299, currency: 'eur' },
      { id: 'architect', credits: 30, price_cents: 2999, currency: 'eur' },
    ],
  },
}
const balance = (n: number) => ({ body: { balance: n, free_tier_used: true, last_transaction_at: null } })
const noTransactions = { body: { transactions: [], pagination: pagination(0) } }
const noPurchases = { body: { purchases: [], pagination: pagination(0) } }

function renderCredits(url = '/credits') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes><Route path="/credits" element={<Credits />} /></Routes>
    </MemoryRouter>,
  )
}

beforeEach(() => {
  purchasePolling.intervalMs = 5
  sessionStorage.clear()
  vi.mocked(leaveTo).mockClear()
})
afterEach(() => vi.unstubAllGlobals())

describe('Credits: buying', () => {
  it('shouldListTheCreditPacksWithCreditsAndPrice', async () => {
    fakeApi({
      'GET /api/v1/credits/balance': balance(1), 'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS, 'GET /api/v1/payments/purchases': noPurchases,
    })
    renderCredits()
    const packs = await screen.findByRole('list', { name: 'Credit packs' })
    const items = await within(packs).findAllByRole('listitem')
    expect(items).toHaveLength(3)
    expect(items[0]).toHaveTextContent('Starter')
    expect(items[0]).toHaveTextContent('3')
    expect(items[0]).toHaveTextContent(/credits for €4\.99/)
    expect(items[2]).toHaveTextContent('Architect')
    expect(within(items[2]).getByRole('button', { name: 'Buy Architect' })).toBeEnabled()
  })

  it('shouldOpenTheCheckoutWithReturnAddressesOnThisScreen', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/credits/balance': balance(1), 'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS, 'GET /api/v1/payments/purchases': noPurchases,
      'POST /api/v1/credits/purchase': { body: { checkout_url: 'http://localhost/sandbox/checkout/cs_1', session_id: 'cs_1', credits_amount: 10 } },
    })
    renderCredits()
    await screen.findByTestId('credit-balance').then((el) => waitFor(() => expect(el).toHaveTextContent('1')))
    await user.click(await screen.findByRole('button', { name: 'Buy Seeker' }))

    await waitFor(() => expect(leaveTo).toHaveBeenCalledWith('http://localhost/sandbox/checkout/cs_1'))
    expect(api.called('POST', '/api/v1/credits/purchase')[0].body).toEqual({
      pack_type: 'seeker',
      success_url: `${window.location.origin}/credits?purchase=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${window.location.origin}/credits?purchase=cancelled`,
    })
    expect(sessionStorage.getItem(BALANCE_BEFORE_KEY)).toBe('1')
  })

  it('shouldSayInWordsWhenTheCheckoutCannotOpen', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/credits/balance': balance(1), 'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS, 'GET /api/v1/payments/purchases': noPurchases,
      'POST /api/v1/credits/purchase': envelope(503, 'PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe did not answer'),
    })
    renderCredits()
    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent("We can't open the checkout just now. Nothing was charged")
    expect(alert).not.toHaveTextContent('PAYMENT_PROVIDER_UNAVAILABLE')
    expect(leaveTo).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Buy Starter' })).toBeEnabled()
  })

  it('shouldSayThePaymentIsReceivedAndAskTheBalanceAgainUntilTheCreditsArrive', async () => {
    sessionStorage.setItem(BALANCE_BEFORE_KEY, '1')
    const api = fakeApi({
      'GET /api/v1/credits/balance': [balance(1), balance(1), balance(4)],
      'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS, 'GET /api/v1/payments/purchases': noPurchases,
    })
    renderCredits('/credits?purchase=success&session_id=cs_1')

    expect(await screen.findByText('Payment received. Your credits arrive in a moment.')).toBeInTheDocument()
    expect(await screen.findByText('Payment received. Your new credits are here.')).toBeInTheDocument()
    expect(screen.getByTestId('credit-balance')).toHaveTextContent('4')
    expect(api.called('GET', '/api/v1/credits/balance')).toHaveLength(3)
    expect(sessionStorage.getItem(BALANCE_BEFORE_KEY)).toBeNull()
  })

  it('shouldSayNothingWasChargedWhenTheCheckoutIsCancelled', async () => {
    const api = fakeApi({
      'GET /api/v1/credits/balance': balance(1), 'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS, 'GET /api/v1/payments/purchases': noPurchases,
    })
    renderCredits('/credits?purchase=cancelled')
    expect(await screen.findByText('The payment was cancelled. Nothing was charged.')).toBeInTheDocument()
    await screen.findByRole('button', { name: 'Buy Starter' })
    expect(api.called('GET', '/api/v1/credits/balance')).toHaveLength(1)
  })
})

describe('Credits: purchase history', () => {
  it('shouldListPacksAndCreditPacksBoughtWithAmountAndStatus', async () => {
    fakeApi({
      'GET /api/v1/credits/balance': balance(4), 'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS,
      'GET /api/v1/payments/purchases': {
        body: {
          purchases: [
            { id: 'b3', kind: 'pack', pack_id: 'p2', credit_pack: null, credits: null, price_type: 'free', amount: 0, amount_minor: 0, currency: 'usd', status: 'succeeded', provider: 'none', subscription_id: null, refunded_minor: 0, created_at: '2026-12-06T13:00:00Z', refunded_at: null },
            { id: 'b2', kind: 'pack', pack_id: 'p1', credit_pack: null, credits: null, price_type: 'one_time', amount: 9.99, amount_minor: 999, currency: 'usd', status: 'refunded', provider: 'sandbox', subscription_id: null, refunded_minor: 999, created_at: '2026-12-06T10:00:00Z', refunded_at: '2026-12-06T12:00:00Z' },
            { id: 'b1', kind: 'credits', pack_id: null, credit_pack: 'starter', credits: 3, price_type: null, amount: 4.99, amount_minor: 499, currency: 'eur', status: 'succeeded', provider: 'sandbox', subscription_id: null, refunded_minor: 0, created_at: '2026-12-05T10:00:00Z', refunded_at: null },
          ],
          pagination: pagination(3),
        },
      },
      'GET /api/v1/catalog/packs/p1': { body: { id: 'p1', title: 'Deep sleep' } },
      'GET /api/v1/catalog/packs/p2': envelope(404, 'PACK_NOT_FOUND', 'Pack not found'),
    })
    renderCredits()
    const list = await screen.findByRole('list', { name: 'Purchases' })
    const rows = await within(list).findAllByRole('listitem')
    // pack titles come from the catalog; a pack that left it is said so
    expect(await within(rows[1]).findByRole('link', { name: 'Deep sleep' })).toHaveAttribute('href', '/marketplace/p1')
    expect(await within(rows[0]).findByRole('link', { name: 'A pack no longer in the marketplace' })).toHaveAttribute('href', '/marketplace/p2')
    expect(rows[0]).toHaveTextContent('Free')
    expect(rows[1]).toHaveTextContent('$9.99')
    expect(rows[1]).toHaveTextContent(/refunded/)
    expect(rows[2]).toHaveTextContent('Starter · 3 credits')
    expect(rows[2]).toHaveTextContent('€4.99')
    expect(rows[2]).toHaveTextContent('paid')
  })

  it('shouldSayThePurchaseHistoryIsNotAvailableWhenThePlatformHasNone', async () => {
    fakeApi({
      'GET /api/v1/credits/balance': balance(1), 'GET /api/v1/credits/transactions': noTransactions,
      'GET /api/v1/credits/packs': PACKS,
    })
    renderCredits()
    expect(await screen.findByText("Your purchase history isn't available yet.")).toBeInTheDocument()
  })
})
