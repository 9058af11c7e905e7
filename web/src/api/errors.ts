/** An answer the app could not use: the platform's error envelope, a lost connection, or an expired session. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown>
  readonly retryAfter?: number

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, retryAfter?: number) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.retryAfter = retryAfter
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK'
  }
}

const MESSAGES: Record<string, string> = {
  NETWORK: "You seem to be offline. Nothing you typed is lost: try again once you're connected.",
  SESSION_EXPIRED: 'Your session has ended. Please log in again; what you typed is kept.',
  INVALID_CREDENTIALS: "That email and password don't match. Please try again.",
  EMAIL_TAKEN: 'There is already an account with that email. Try logging in instead.',
  WEAK_PASSWORD:
    'Please choose a stronger password: at least 10 characters, not a common one, and not your email.',
  TOO_MANY_LOGIN_ATTEMPTS: 'Too many attempts. Please wait a little before trying again.',
  RATE_LIMITED: "You're going a little fast. Please wait a moment and try again.",
  INSUFFICIENT_CREDITS: "You don't have enough credits for this yet.",
  SESSION_NOT_FOUND: 'This conversation has expired. Start a new one and it only takes a minute.',
  SESSION_CLOSED: 'This conversation is finished. Start a new one to create something else.',
  SESSION_NOT_READY: "We still need a few answers before we can create it.",
  SESSION_IN_SUPPORT: "We can't create a practice in this conversation. Please reach out for support, or start over.",
  SESSION_BUSY: 'Still working on your last message…',
  GENERATION_UNAVAILABLE: "We can't start creating right now. Your conversation is kept: try again in a minute.",
  GENERATION_FAILED: "We couldn't finish creating it. Your credits were given back.",
  GENERATION_NOT_FOUND: "We couldn't find that creation.",
  CONTENT_NOT_FOUND: "We couldn't find that practice. It may have been deleted.",
  FOLDER_NOT_FOUND: 'That folder no longer exists.',
  FOLDER_NAME_TAKEN: 'You already have a folder with that name.',
  SHARE_NOT_FOUND: 'That share link no longer works.',
  EXPORT_UNAVAILABLE: "We couldn't gather all your data just now. Please try again in a few seconds.",
  PAYLOAD_TOO_LARGE: 'That is too long to send.',
  NOT_FOUND: "We couldn't find what you were looking for.",
  FORBIDDEN: "You don't have access to that.",
  INVALID_TOKEN: 'Your session has ended. Please log in again; what you typed is kept.',
  UNAUTHORIZED: 'Please log in to continue.',
  PACK_NOT_FOUND: "We couldn't find that pack. It may have been taken out of the marketplace.",
  PACK_ACCESS_REQUIRED: 'Only people who have this pack can review it. Get it first, then tell others what you think.',
  OWN_PACK_REVIEW: "You can't review your own pack.",
  ACCESS_UNAVAILABLE: "We can't check your packs just now. Please try again in a minute.",
  PAID_CHECKOUT_UNAVAILABLE: "Paying for packs isn't available right now. Free packs can be added to your library today.",
  PRICE_TYPE_MISMATCH: 'The price of this pack has just changed. Please reload the page and try again.',
  CREATOR_ROLE_REQUIRED: 'This is for creators. Become a creator in the studio first.',
  CREATOR_NOT_FOUND: "We couldn't find that creator.",
  CREATOR_PROFILE_REQUIRED: 'Please fill in your creator profile (at least your display name) before publishing.',
  DISPLAY_NAME_TAKEN: 'Another creator already uses that display name. Please choose another one.',
  PACK_ALREADY_PUBLISHED: 'This pack is already published. Your changes are published as you save them.',
  PACK_ARCHIVED: 'This pack is archived and can no longer be changed.',
  CONTENT_NOT_OWNED: 'One of those practices is not yours or is not ready yet, so it cannot go into a pack.',
  LIBRARY_UNAVAILABLE: "We couldn't copy your practices into the pack just now. Nothing was published: try again in a minute.",
  ALREADY_OWNED: 'You already have this pack: it is in your library, nothing to pay.',
  OWN_PACK: "This is your own pack: you have it already, so there's nothing to buy.",
  PAYMENT_PROVIDER_UNAVAILABLE: "We can't open the checkout just now. Nothing was charged: try again in a minute.",
  INSUFFICIENT_TOKENS: "You don't have that many tokens available. Ask for at most your balance.",
  IDEMPOTENCY_CONFLICT: 'That request was already sent with another amount. Please reload the page and try again.',
  REINDEX_RUNNING: 'The marketplace is being refreshed. Please try again in a minute.',
}

const FIELD_NAMES: Record<string, string> = {
  email: 'email',
  password: 'password',
  title: 'title',
  tags: 'tags',
  name: 'name',
  message: 'message',
  content: 'message',
  rating: 'rating',
  text: 'review',
  display_name: 'display name',
  price_amount: 'price',
  price_type: 'price type',
  content_ids: 'practices',
  amount: 'amount',
  pack_type: 'credit pack',
  items: 'practices',
}

/** The words a person reads for an error: never a raw code, status or stack. */
export function plainMessage(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong. Please try again.'
  }
  if (error.code === 'INSUFFICIENT_CREDITS') {
    const required = Number(error.details.required)
    const available = Number(error.details.available)
    if (Number.isFinite(required) && Number.isFinite(available)) {
      return `This needs ${required} credit${required === 1 ? '' : 's'} and you have ${available}.`
    }
  }
  if (error.code === 'VALIDATION_FAILED') {
    const fields = error.details.fields
    if (fields && typeof fields === 'object') {
      const parts = Object.entries(fields as Record<string, unknown>).map(
        ([field, problem]) => `${FIELD_NAMES[field] ?? field.replace(/_/g, ' ')} ${String(problem)}`,
      )
      if (parts.length > 0) return `Please check: ${parts.join('; ')}.`
    }
    return 'Please check what you entered.'
  }
  if (error.code === 'PACK_NOT_PUBLISHABLE') {
    const fields = error.details.fields
    const parts = fields && typeof fields === 'object'
      ? Object.entries(fields as Record<string, unknown>).map(([field, problem]) => `${FIELD_NAMES[field] ?? field.replace(/_/g, ' ')} ${String(problem)}`)
      : []
    return parts.length > 0
      ? `It can't be published yet. Please check: ${parts.join('; ')}.`
      : "It can't be published yet: it needs a title, at least one practice and a price that matches its type."
  }
  if (error.code === 'INSUFFICIENT_TOKENS' && Number.isFinite(Number(error.details.available))) {
    const available = Number(error.details.available)
    return `You have ${available} token${available === 1 ? '' : 's'} available: please ask for at most that.`
  }
  if ((error.code === 'RATE_LIMITED' || error.code === 'TOO_MANY_LOGIN_ATTEMPTS') && error.retryAfter) {
    return `${MESSAGES[error.code]} (about ${formatWait(error.retryAfter)})`
  }
  // a sentence the app composed itself from the platform's details (never the platform's own message)
  if (error.code.endsWith('_NAMED')) return error.message
  const known = MESSAGES[error.code]
  if (known) return known
  if (error.status >= 500) return "Something on our side isn't working right now. Please try again in a minute."
  if (error.status === 404) return MESSAGES.NOT_FOUND
  if (error.status === 403) return MESSAGES.FORBIDDEN
  if (error.status === 401) return MESSAGES.SESSION_EXPIRED
  return 'That did not work. Please try again.'
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
