/** The platform's JSON, as its services answer it (snake_case, docs/*.md). */
export type ContentType = 'affirmation' | 'guided_meditation' | 'ritual'
export type Depth = 'shallow' | 'medium' | 'deep'

export interface Pagination {
  page: number
  limit: number
  total: number
  pages: number
  has_next: boolean
  has_prev: boolean
}

export interface User {
  id: string
  email: string
}

export interface AuthAnswer {
  token: string
  refresh_token: string
  user: User
}

export interface Preferences {
  voice_id?: string | null
  pace?: string | null
  tone?: string | null
  language?: string | null
  background_sound?: string | null
  time_zone?: string | null
}

export interface Profile {
  id: string
  email: string
  preferences: Preferences
  roles: string[]
  tier: string
  created_at: string
}

export interface Voice {
  id: string
  name: string
  language?: string
  gender?: string
  style?: string
  engine?: string
  provider?: string
  /** a short sample to listen to, when the platform offers one (preview_url or preview) */
  preview_url?: string | null
  preview?: string | null
  is_default?: boolean
}

export interface ConversationContext {
  intent?: string | null
  emotional_context?: string | null
  time_preference?: string | null
  place?: string | null
  duration?: string | null
  duration_seconds?: number | null
  voice_id?: string | null
  pace?: string | null
  tone?: string | null
}

export interface Summary {
  content_type: ContentType
  title: string
  focus?: string
  duration?: string
  duration_seconds?: number
  time_of_day?: string
  place?: string
  voice_id?: string
  pace?: string
  tone?: string
  cost: number
  available?: number | null
}

export interface Turn {
  session_id: string
  state: string
  /** the assistant's words */
  text: string
  context?: ConversationContext
  summary?: Summary | null
}

export interface Generating {
  ritual_id: string
  status: string
  estimated_time: number
}

export interface Generation {
  id: string
  ritual_id: string
  status: 'queued' | 'writing' | 'voicing' | 'ready' | 'failed' | string
  progress: number
  content_type: ContentType
  estimated_time: number
  failure_reason?: string | null
}

export interface ContentSummary {
  id: string
  content_type: ContentType
  title: string
  depth: Depth
  duration: number
  tags: string[]
  created_at: string
  last_played_at: string | null
  play_count: number
  favorite: boolean
  folder_id: string | null
  /** "pack" for an item that came with a pack the person claimed or bought (absent or "own" otherwise) */
  source?: 'own' | 'pack' | string
  pack_id?: string | null
}

export interface ContentDetail {
  id: string
  content_type: ContentType
  title: string
  content_text: string
  depth: Depth
  duration: number
  tags: string[]
  voice?: { id: string; name: string } | null
  audio_url: string | null
  audio_url_expires_at?: string
  audio_format?: string
  version?: number
  created_at: string
  folder_id: string | null
  favorite: boolean
}

export interface Folder {
  id: string
  name: string
  item_count: number
}

export interface Share {
  share_id: string
  token?: string
  url?: string
  expires_at: string
  status?: 'active' | 'expired' | 'revoked'
  created_at?: string
}

export interface PracticeEvent {
  id: string
  ritual_id: string
  ritual_title: string
  content_type: ContentType
  started_at: string
  completed_at: string | null
  duration: number | null
  status: 'started' | 'completed'
}

export interface Stats {
  total_sessions: number
  total_minutes: number
  total_seconds: number
  current_streak: number
  longest_streak: number
  minutes_by_content_type: Record<ContentType, number>
  last_practice_at: string | null
  time_zone: string
}

export interface Balance {
  balance: number
  free_tier_used: boolean
  last_transaction_at: string | null
}

export interface Transaction {
  id: string
  type: 'purchase' | 'consumption' | 'refund' | 'grant' | 'adjustment'
  amount: number
  balance_after: number
  status?: string
  ritual_id?: string | null
  content_type?: ContentType | null
  pack_id?: string | null
  reason?: string | null
  created_at: string
}

/** The marketplace (catalog-service, docs/catalog.md). */
export type PriceType = 'free' | 'one_time' | 'subscription'

export interface CatalogPack {
  id: string
  title: string
  description: string
  creator: { id: string; name: string }
  price_type: PriceType
  price_amount: number
  currency: string
  subscription_interval?: string | null
  ritual_count: number
  rating: number | null
  review_count: number
  tags: string[]
  cover_url?: string | null
}

export interface CatalogPackDetail extends CatalogPack {
  rituals: { id: string; title: string; duration: number; practice_type: string }[]
  published_at?: string
  user_has_access: boolean
}

export interface Review {
  pack_id: string
  rating: number
  text: string | null
  created_at: string
  updated_at?: string
  mine: boolean
}

export interface Recommendation {
  pack_id: string
  title: string
  reason: string
  score: number
}

export interface Checkout {
  access_granted?: boolean
  pack_id?: string
  price_type?: PriceType
  payment_id?: string
  already_owned?: boolean
  checkout_url?: string
}

/** The creator studio (creator-service, docs/marketplace.md). */
export interface CreatorProfile {
  id?: string
  display_name: string
  bio: string | null
  avatar_url: string | null
  links: { label: string; url: string }[]
}

export type PackStatus = 'draft' | 'published' | 'archived'

export interface PackItem {
  item_id: string
  content_id: string
  position: number
  title: string
  duration: number | null
  practice_type: string | null
  published_in_revision?: number | null
}

export interface StudioPackSummary {
  id: string
  status: PackStatus
  title: string
  price_type: PriceType
  price_amount: number
  currency: string
  subscription_interval?: string | null
  tags: string[]
  revision: number
  item_count: number
  created_at: string
  updated_at: string
  published_at: string | null
  archived_at: string | null
}

export interface StudioPack extends StudioPackSummary {
  description: string | null
  cover_url: string | null
  items: PackItem[]
}

export interface PackMetadata {
  title: string
  description: string
  price_type: PriceType
  price_amount: number
  currency: string
  subscription_interval?: string | null
  tags: string[]
  cover_url?: string | null
}

export interface PackDay {
  date: string
  claims: number
  purchases: number
  plays: number
  completions: number
  ratings: number
}

export interface PackAnalytics {
  pack_id: string
  from: string
  to: string
  claims: number
  purchases: number
  plays: number
  completions: number
  unique_practitioners: number
  rating: { average: number | null; count: number } | null
  daily: PackDay[]
}

/** A credit pack for sale (`GET /api/v1/credits/packs`, credit-service's configuration). */
export interface CreditPack {
  id: string
  credits: number
  price_cents: number
  currency: string
}

/** A hosted checkout to send the person to (Stripe, or the offline sandbox page served through the gateway). */
export interface CheckoutSession {
  checkout_url: string
  session_id: string
  credits_amount?: number
}

/** One purchase (`GET /api/v1/payments/purchases`): a pack or a credit pack. */
export interface Purchase {
  id: string
  kind: 'pack' | 'credits' | 'credit_pack' | string
  pack_id?: string | null
  credit_pack?: string | null
  credits?: number | null
  price_type?: string | null
  /** decimal, as the catalog gives prices */
  amount?: number | null
  /** minor units (cents); wins over `amount` */
  amount_minor?: number | null
  currency?: string | null
  status: string
  subscription_id?: string | null
  refunded_minor?: number | null
  created_at: string
  refunded_at?: string | null
}

/** The creator's reward tokens (`GET /api/v1/rewards/balance`). */
export interface RewardBalance {
  balance: number
  /** tokens held by pending payouts */
  pending_payouts?: number | null
  /** earnings net of refunds, ever */
  total_earned?: number | null
  /** not served by reward-service today (its minimum is configuration); checked here when given */
  minimum_payout?: number | null
}

/** One entry of the reward ledger (`GET /api/v1/rewards/history`). */
export interface RewardEntry {
  id: string
  type: string
  amount: number
  balance_after?: number | null
  pack_id?: string | null
  payment_id?: string | null
  payout_id?: string | null
  source_event?: { type: string; id: string } | null
  created_at: string
}

export interface Payout {
  id: string
  amount: number
  status: string
  requested_at?: string
  resolved_at?: string | null
  reason?: string | null
}
