import { render, screen } from '@testing-library/react'
import axe from 'axe-core'
import type { ReactElement } from 'react'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import Marketplace from '../src/marketplace/Marketplace'
import PackDetail from '../src/marketplace/PackDetail'
import PackEditor from '../src/studio/PackEditor'
import Rewards from '../src/studio/Rewards'
import Credits from '../src/pages/Credits'
import { fakeApi, pagination } from './fakeApi'

const PACK = {
  id: 'p1', title: 'Deep sleep', description: 'Evenings.', creator: { id: 'c1', name: 'Ana' }, price_type: 'free',
  price_amount: 0, currency: 'usd', ritual_count: 1, rating: 4, review_count: 1, tags: ['sleep'], user_has_access: true,
  rituals: [{ id: 'i1', title: 'Let go', duration: 60, practice_type: 'affirmation' }],
}
const STUDIO_PACK = {
  id: 'k1', status: 'published', title: 'Daily calm', description: '', price_type: 'subscription', price_amount: 4,
  currency: 'usd', subscription_interval: 'monthly', tags: [], cover_url: null, revision: 1, item_count: 1,
  items: [{ item_id: 'i1', content_id: 'a', position: 0, title: 'Let go', duration: 60, practice_type: 'affirmation' }],
  created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', published_at: '2026-12-06T10:00:00Z', archived_at: null,
}

/** axe-core on the rendered screen (jsdom: structure, names, roles, ARIA; colour contrast is the E2E's, in Chromium). */
async function violations(ui: ReactElement, url: string, ready: string) {
  render(<MemoryRouter initialEntries={[url]}>{ui}</MemoryRouter>)
  await screen.findAllByText(ready)
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } })
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

afterEach(() => vi.unstubAllGlobals())

describe('marketplace and studio accessibility', { timeout: 30_000 }, () => {
  it('shouldHaveNoSeriousViolationsOnTheMarketplace', async () => {
    fakeApi({ 'GET /api/v1/catalog/packs': { body: { packs: [PACK], pagination: pagination(1) } } })
    expect(await violations(<Routes><Route path="/marketplace" element={<Marketplace />} /></Routes>, '/marketplace', 'Deep sleep')).toEqual([])
  })

  it('shouldHaveNoSeriousViolationsOnAPack', async () => {
    fakeApi({
      'GET /api/v1/catalog/packs/p1': { body: PACK },
      'GET /api/v1/catalog/packs/p1/reviews': { body: { reviews: [], rating: 4, review_count: 1, pagination: pagination(0) } },
    })
    expect(await violations(<Routes><Route path="/marketplace/:id" element={<PackDetail />} /></Routes>, '/marketplace/p1', 'Let go')).toEqual([])
  })

  it('shouldHaveNoSeriousViolationsInThePackEditor', async () => {
    fakeApi({
      'GET /api/v1/creators/me/packs/k1': { body: STUDIO_PACK },
      'GET /api/v1/content': { body: { content_items: [], pagination: pagination(0) } },
      'GET /api/v1/creators/me/packs/k1/analytics': { body: { pack_id: 'k1', from: '2026-12-06', to: '2026-12-07', claims: 1,
        purchases: 0, plays: 2, completions: 1, unique_practitioners: 1, rating: null,
        daily: [{ date: '2026-12-06', claims: 1, purchases: 0, plays: 2, completions: 1, ratings: 0 }] } },
    })
    expect(await violations(<Routes><Route path="/studio/packs/:id" element={<PackEditor />} /></Routes>, '/studio/packs/k1', 'people practising')).toEqual([])
  })
  it('shouldHaveNoSeriousViolationsOnCreditsWithPacksToBuyAndPurchases', async () => {
    fakeApi({
      'GET /api/v1/credits/balance': { body: { balance: 4, free_tier_used: true, last_transaction_at: null } },
      'GET /api/v1/credits/transactions': { body: { transactions: [], pagination: pagination(0) } },
      'GET /api/v1/credits/packs': { body: { packs: [{ id: 'starter', credits: 3, price_cents: 499, currency: 'eur' }] } },
      'GET /api/v1/payments/purchases': { body: { purchases: [{ id: 'b1', kind: 'credits', credit_pack: 'starter', credits: 3, amount: 4.99, amount_minor: 499, currency: 'eur', status: 'succeeded', created_at: '2026-12-05T10:00:00Z' }], pagination: pagination(1) } },
    })
    expect(await violations(<Routes><Route path="/credits" element={<Credits />} /></Routes>, '/credits?purchase=success', 'Starter · 3 credits')).toEqual([])
  })

  it('shouldHaveNoSeriousViolationsOnRewards', async () => {
    fakeApi({
      'GET /api/v1/rewards/balance': { body: { balance: 120, pending_payouts: 100, total_earned: 220 } },
      'GET /api/v1/rewards/history': { body: { entries: [{ id: 'r1', type: 'purchase', amount: 220, pack_id: 'k1', created_at: '2026-12-06T11:00:00Z' }], pagination: pagination(1) } },
    })
    expect(await violations(<Routes><Route path="/studio/rewards" element={<Rewards />} /></Routes>, '/studio/rewards', 'A pack was bought')).toEqual([])
  })
})
