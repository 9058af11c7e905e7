import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import Rewards from '../src/studio/Rewards'
import { envelope, fakeApi, pagination } from './fakeApi'

const balance = (n: number, extra: Record<string, unknown> = {}) => ({ body: { balance: n, pending_payouts: 0, total_earned: 351, ...extra } })
const HISTORY = {
  body: {
    entries: [
      { id: 'r3', type: 'practice', amount: 5, balance_after: 251, pack_id: 'k1', source_event: { type: 'practice.completed', id: 'e3' }, created_at: '2026-12-06T12:00:00Z' },
      { id: 'r2', type: 'purchase', amount: 346, balance_after: 346, pack_id: 'k1', payment_id: 'pay1', source_event: { type: 'payment.succeeded', id: 'e2' }, created_at: '2026-12-06T11:00:00Z' },
      { id: 'r1', type: 'refund', amount: -100, balance_after: 246, pack_id: 'k1', payment_id: 'pay1', source_event: { type: 'payment.refunded', id: 'e1' }, created_at: '2026-12-06T11:30:00Z' },
    ],
    pagination: pagination(3),
  },
}

function renderRewards() {
  render(
    <MemoryRouter initialEntries={['/studio/rewards']}>
      <Routes><Route path="/studio/rewards" element={<Rewards />} /></Routes>
    </MemoryRouter>,
  )
}

afterEach(() => vi.unstubAllGlobals())

describe('Rewards', () => {
  it('shouldShowTheTokenBalanceAndWhatEarnedEachEntry', async () => {
    const api = fakeApi({ 'GET /api/v1/rewards/balance': balance(251), 'GET /api/v1/rewards/history': HISTORY })
    renderRewards()
    await waitFor(() => expect(screen.getByTestId('reward-balance')).toHaveTextContent('251'))
    expect(screen.getByText('tokens earned in all').previousElementSibling).toHaveTextContent('351')
    const rows = await within(screen.getByRole('list', { name: 'Reward history' })).findAllByRole('listitem')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toHaveTextContent('Someone practised')
    expect(rows[0]).toHaveTextContent('+5')
    expect(rows[1]).toHaveTextContent('A pack was bought')
    expect(rows[2]).toHaveTextContent('A purchase was refunded')
    expect(rows[2]).toHaveTextContent('-100')
    expect(within(rows[1]).getByRole('link', { name: 'the pack' })).toHaveAttribute('href', '/studio/packs/k1')
    expect(api.called('GET', '/api/v1/rewards/history')[0].query.get('page')).toBe('1')
  })

  it('shouldCheckThePayoutAmountBeforeSendingIt', async () => {
    const user = userEvent.setup()
    const api = fakeApi({ 'GET /api/v1/rewards/balance': balance(251), 'GET /api/v1/rewards/history': HISTORY })
    renderRewards()
    const field = await screen.findByLabelText('Tokens to pay out')
    const submit = screen.getByRole('button', { name: 'Request payout' })

    await user.type(field, '12.5')
    await user.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('Please enter a whole number of tokens, like 100.')
    expect(field).toHaveAttribute('aria-invalid', 'true')

    await user.clear(field)
    await user.type(field, '0')
    await user.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('Please enter a whole number of tokens, like 100.')

    await user.clear(field)
    await user.type(field, '300')
    await user.click(submit)
    expect(screen.getByRole('alert')).toHaveTextContent('You have 251 tokens available: please ask for at most that.')

    expect(api.called('POST', '/api/v1/rewards/payouts')).toHaveLength(0)
  })

  it('shouldRequestAPayoutAndShowTheTokensHeld', async () => {
    const user = userEvent.setup()
    const api = fakeApi({
      'GET /api/v1/rewards/balance': [balance(251), balance(51, { pending_payouts: 200 })],
      'GET /api/v1/rewards/history': HISTORY,
      'POST /api/v1/rewards/payouts': { status: 201, body: { id: 'po1', amount: 200, status: 'pending', requested_at: '2026-12-07T03:00:00Z', resolved_at: null, reason: null } },
    })
    renderRewards()
    await user.type(await screen.findByLabelText('Tokens to pay out'), '200')
    await user.click(screen.getByRole('button', { name: 'Request payout' }))

    expect(await screen.findByText('Payout of 200 tokens requested. The tokens are held until it is made.')).toBeInTheDocument()
    expect(api.called('POST', '/api/v1/rewards/payouts')[0].body).toEqual({ amount: 200 })
    await waitFor(() => expect(screen.getByTestId('reward-balance')).toHaveTextContent('51'))
    expect(screen.getByText('tokens in a pending payout')).toBeInTheDocument()
    expect(screen.getByLabelText('Tokens to pay out')).toHaveValue('')
  })

  it('shouldExplainThePlatformsPayoutRefusalsInPlainWords', async () => {
    const user = userEvent.setup()
    fakeApi({
      'GET /api/v1/rewards/balance': balance(251),
      'GET /api/v1/rewards/history': HISTORY,
      'POST /api/v1/rewards/payouts': [
        envelope(400, 'VALIDATION_FAILED', 'Invalid request', { fields: { amount: 'must be at least 1000' } }),
        envelope(402, 'INSUFFICIENT_TOKENS', 'Not enough tokens', { requested: 200, available: 150 }),
      ],
    })
    renderRewards()
    const field = await screen.findByLabelText('Tokens to pay out')
    await user.type(field, '200')
    await user.click(screen.getByRole('button', { name: 'Request payout' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Please check: amount must be at least 1000.')

    await user.click(screen.getByRole('button', { name: 'Request payout' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('You have 150 tokens available: please ask for at most that.'))
    expect(screen.getByRole('alert')).not.toHaveTextContent('INSUFFICIENT_TOKENS')
  })

  it('shouldSayWhenRewardsCannotBeLoaded', async () => {
    fakeApi({
      'GET /api/v1/rewards/balance': envelope(503, 'SERVICE_UNAVAILABLE', 'down'),
      'GET /api/v1/rewards/history': envelope(503, 'SERVICE_UNAVAILABLE', 'down'),
    })
    renderRewards()
    const alerts = await screen.findAllByRole('alert')
    expect(alerts[0]).toHaveTextContent("Something on our side isn't working right now.")
    expect(screen.queryByRole('button', { name: 'Request payout' })).not.toBeInTheDocument()
  })

  it('shouldSayRewardsAreNotAvailableYetWhenThePlatformHasNone', async () => {
    fakeApi({})
    renderRewards()
    expect(await screen.findByText("Rewards aren't available yet. What your packs earn will show here.")).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.queryByLabelText('Tokens to pay out')).not.toBeInTheDocument()
  })
})
