import type { CatalogPack, PriceType } from '../api/types'

export const PRICE_TYPE_LABEL: Record<PriceType, string> = {
  free: 'Free',
  one_time: 'One-time purchase',
  subscription: 'Subscription',
}

/** "Free", "$9.99", "€4.00 a month": the catalog's decimal price_amount in the pack's currency. */
export function price(pack: Pick<CatalogPack, 'price_type' | 'price_amount' | 'currency' | 'subscription_interval'>): string {
  if (pack.price_type === 'free') return 'Free'
  let amount: string
  try {
    amount = new Intl.NumberFormat(undefined, { style: 'currency', currency: (pack.currency || 'usd').toUpperCase() })
      .format(pack.price_amount)
  } catch {
    amount = `${pack.price_amount} ${(pack.currency || '').toUpperCase()}`
  }
  if (pack.price_type === 'subscription') {
    return `${amount} ${pack.subscription_interval === 'annual' ? 'a year' : 'a month'}`
  }
  return amount
}

/** "4.5 out of 5 (12 reviews)" or "Not rated yet": words first, stars are decoration. */
export function ratingText(rating: number | null, count: number): string {
  if (rating == null || count === 0) return 'Not rated yet'
  return `${rating.toFixed(1)} out of 5 (${count} review${count === 1 ? '' : 's'})`
}

export function stars(rating: number | null): string {
  const full = Math.round(rating ?? 0)
  return '★'.repeat(full) + '☆'.repeat(5 - full)
}

/** "sleep, calm ,Evening" → ["sleep", "calm", "evening"] (the catalog compares tags folded). */
export function parseTags(text: string): string[] {
  return Array.from(new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))).slice(0, 10)
}
