/** "€4.99" from cents in a currency (ISO code, any case); the plain figure when the currency is unknown. */
export function money(cents: number, currency: string | null | undefined): string {
  const code = (currency || 'usd').toUpperCase()
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: code }).format(cents / 100)
  } catch {
    return `${(cents / 100).toFixed(2)} ${code}`
  }
}

export const CREDIT_PACK_LABEL: Record<string, string> = { starter: 'Starter', seeker: 'Seeker', architect: 'Architect' }

export const packLabel = (id: string) => CREDIT_PACK_LABEL[id] ?? id.charAt(0).toUpperCase() + id.slice(1)

/** Where the checkout sends the person back: this screen, saying how it went (Stripe fills in the session id). */
export function returnUrls(path: string) {
  const origin = window.location.origin
  const sep = path.includes('?') ? '&' : '?'
  return {
    success_url: `${origin}${path}${sep}purchase=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}${path}${sep}purchase=cancelled`,
  }
}

/** Kept in sessionStorage across the checkout's round trip, so the return can tell when the new credits are in. */
export const BALANCE_BEFORE_KEY = 'waqup.credits-before-purchase'
