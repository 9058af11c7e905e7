import { ApiClient } from './client'
import { ApiError } from './errors'
import type {
  AuthAnswer, Balance, CatalogPack, CatalogPackDetail, Checkout, CheckoutSession, ContentDetail, CreditPack, ContentSummary, ContentType,
  CreatorProfile, Folder, Generating, Generation, PackAnalytics, PackMetadata, PackStatus, Pagination, PracticeEvent,
  Payout, Preferences, PriceType, Profile, Purchase, Recommendation, RewardBalance, RewardEntry, Review, Share, Stats, StudioPack, StudioPackSummary, Transaction,
  Turn, Voice,
} from './types'
import { sessionStore } from '../auth/session'

/** The one client of the app (same origin as the platform's gateway). */
export const client = new ApiClient({ store: sessionStore })

export interface LibraryFilter {
  content_type?: ContentType | ''
  tags?: string[]
  favorite?: boolean
  folder_id?: string
  pack_id?: string
  page?: number
  limit?: number
}

export interface CatalogQuery {
  search?: string
  tags?: string[]
  price_type?: PriceType | ''
  creator_id?: string
  page?: number
  limit?: number
}

const id = (value: string) => encodeURIComponent(value)

interface RawTurn {
  session_id: string
  state: string
  message?: string
  response?: string
  context?: Turn['context']
  summary?: Turn['summary']
}

const turn = (raw: RawTurn): Turn => ({
  session_id: raw.session_id,
  state: raw.state,
  text: raw.response ?? raw.message ?? '',
  context: raw.context,
  summary: raw.summary ?? null,
})

export const api = {
  register: (email: string, password: string) =>
    client.post<AuthAnswer>('/api/v1/auth/register', { email, password }, { auth: false }),
  login: (email: string, password: string) =>
    client.post<AuthAnswer>('/api/v1/auth/login', { email, password }, { auth: false }),
  logout: (refreshToken: string) => client.post<void>('/api/v1/auth/logout', { refresh_token: refreshToken }),

  profile: () => client.get<Profile>('/api/v1/users/me'),
  updatePreferences: (preferences: Preferences) =>
    client.put<{ id: string; preferences: Preferences }>('/api/v1/users/me', { preferences }),
  exportAccount: () => client.get<unknown>('/api/v1/users/me/export'),
  deleteAccount: (password: string) =>
    client.delete<{ status: string; user_id: string }>('/api/v1/users/me', { password }),
  voices: () => client.get<{ voices: Voice[]; default_voice_id?: string }>('/api/v1/voices'),

  startConversation: async (contentType: ContentType) =>
    turn(await client.post<RawTurn>('/api/v1/conversation/start', { content_type: contentType })),
  sendMessage: async (sessionId: string, message: string) =>
    turn(await client.post<RawTurn>('/api/v1/conversation/message', { session_id: sessionId, message })),
  conversationState: (sessionId: string) =>
    client.get<RawTurn & { ritual_id?: string }>('/api/v1/conversation/state', { query: { session_id: sessionId } }),
  complete: (sessionId: string) =>
    client.post<Generating>('/api/v1/conversation/complete', { session_id: sessionId, confirm: true }),
  decline: async (sessionId: string) =>
    turn(await client.post<RawTurn>('/api/v1/conversation/complete', { session_id: sessionId, confirm: false })),
  generation: (id: string) => client.get<Generation>(`/api/v1/generations/${encodeURIComponent(id)}`),

  library: (filter: LibraryFilter) =>
    client.get<{ content_items: ContentSummary[]; pagination: Pagination }>('/api/v1/content', {
      query: { ...filter, tags: filter.tags && filter.tags.length ? filter.tags : undefined },
    }),
  item: (id: string) => client.get<ContentDetail>(`/api/v1/content/${encodeURIComponent(id)}`),
  updateItem: (id: string, change: { title?: string; tags?: string[] }) =>
    client.put<ContentDetail>(`/api/v1/content/${encodeURIComponent(id)}`, change),
  deleteItem: (id: string) => client.delete<{ status: string }>(`/api/v1/content/${encodeURIComponent(id)}`),
  setFavorite: (id: string, favorite: boolean) =>
    favorite
      ? client.put<{ favorite: boolean }>(`/api/v1/content/${encodeURIComponent(id)}/favorite`)
      : client.delete<{ favorite: boolean }>(`/api/v1/content/${encodeURIComponent(id)}/favorite`),
  moveToFolder: (id: string, folderId: string | null) =>
    client.put<{ folder_id: string | null }>(`/api/v1/content/${encodeURIComponent(id)}/folder`, { folder_id: folderId }),
  exportItem: (id: string, format: 'text' | 'audio' | 'both') =>
    client.get<{ text?: string; audio_url?: string; exported_at: string }>(
      `/api/v1/content/${encodeURIComponent(id)}/export`, { query: { format } }),
  share: (id: string, hours?: number) =>
    client.post<Share>(`/api/v1/content/${encodeURIComponent(id)}/shares`, hours ? { expires_in_hours: hours } : {}),
  shares: (id: string) => client.get<{ shares: Share[] }>(`/api/v1/content/${encodeURIComponent(id)}/shares`),
  revokeShare: (shareId: string) => client.delete<Share>(`/api/v1/content/shares/${encodeURIComponent(shareId)}`),
  folders: () => client.get<{ folders: Folder[] }>('/api/v1/content/folders'),
  createFolder: (name: string) => client.post<Folder>('/api/v1/content/folders', { name }),

  play: (id: string, startedAt: string) =>
    client.post<{ practice_event_id: string }>(`/api/v1/content/${encodeURIComponent(id)}/play`, { started_at: startedAt }),
  completePractice: (id: string, practiceEventId: string, completedAt: string, duration: number) =>
    client.post<{ status: string }>(`/api/v1/content/${encodeURIComponent(id)}/complete`, {
      practice_event_id: practiceEventId,
      completed_at: completedAt,
      duration,
    }),
  history: (page = 1, limit = 20) =>
    client.get<{ practice_events: PracticeEvent[]; pagination: Pagination }>('/api/v1/users/me/history', {
      query: { page, limit },
    }),
  stats: () =>
    client.get<Stats>('/api/v1/users/me/stats', {
      query: { time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone },
    }),

  balance: () => client.get<Balance>('/api/v1/credits/balance'),
  transactions: (page = 1) =>
    client.get<{ transactions: Transaction[]; pagination: Pagination }>('/api/v1/credits/transactions', {
      query: { page, limit: 20 },
    }),

  catalog: (q: CatalogQuery, signal?: AbortSignal) =>
    client.get<{ packs: CatalogPack[]; pagination: Pagination }>('/api/v1/catalog/packs', {
      query: {
        search: q.search || undefined,
        tags: q.tags && q.tags.length ? q.tags : undefined,
        price_type: q.price_type || undefined,
        creator_id: q.creator_id,
        page: q.page,
        limit: q.limit,
      },
      signal,
    }),
  catalogPack: (packId: string) => client.get<CatalogPackDetail>(`/api/v1/catalog/packs/${id(packId)}`),
  reviews: (packId: string, page = 1) =>
    client.get<{ reviews: Review[]; rating: number | null; review_count: number; pagination: Pagination }>(
      `/api/v1/catalog/packs/${id(packId)}/reviews`, { query: { page, limit: 20 } }),
  review: (packId: string, rating: number, text: string) =>
    client.post<Review>(`/api/v1/catalog/packs/${id(packId)}/reviews`, { rating, text }),
  recommendations: () => client.get<{ recommendations: Recommendation[] }>('/api/v1/catalog/recommendations'),
  /** A free pack is claimed at once (`access_granted`); a paid one answers the `checkout_url` to go to. */
  checkout: (packId: string, priceType: PriceType, urls?: { success_url: string; cancel_url: string }) =>
    client.post<Checkout>('/api/v1/payments/checkout', { pack_id: packId, price_type: priceType, ...urls }),
  purchases: (page = 1) =>
    client.get<{ purchases: Purchase[]; pagination: Pagination }>('/api/v1/payments/purchases', {
      query: { page, limit: 10 },
    }),

  creditPacks: () => client.get<{ packs: CreditPack[] }>('/api/v1/credits/packs'),
  buyCredits: (packType: string, successUrl: string, cancelUrl: string) =>
    client.post<CheckoutSession>('/api/v1/credits/purchase', {
      pack_type: packType, success_url: successUrl, cancel_url: cancelUrl,
    }),

  rewardBalance: () => client.get<RewardBalance>('/api/v1/rewards/balance'),
  rewardHistory: (page = 1) =>
    client.get<{ entries: RewardEntry[]; pagination: Pagination }>('/api/v1/rewards/history', { query: { page, limit: 20 } }),
  requestPayout: (amount: number) => client.post<Payout>('/api/v1/rewards/payouts', { amount }),

  becomeCreator: () => client.post<{ id: string; roles: string[]; token: string }>('/api/v1/users/me/creator'),
  myCreatorProfile: () => client.get<CreatorProfile>('/api/v1/creators/me'),
  saveCreatorProfile: (profile: CreatorProfile) => client.put<CreatorProfile>('/api/v1/creators/me', profile),
  studioPacks: (status?: PackStatus | '', page = 1) =>
    client.get<{ packs: StudioPackSummary[]; pagination: Pagination }>('/api/v1/creators/me/packs', {
      query: { status: status || undefined, page, limit: 50 },
    }),
  studioPack: (packId: string) => client.get<StudioPack>(`/api/v1/creators/me/packs/${id(packId)}`),
  createPack: (metadata: PackMetadata) => client.post<StudioPack>('/api/v1/creators/me/packs', metadata),
  updatePack: (packId: string, metadata: PackMetadata) =>
    client.put<StudioPack>(`/api/v1/creators/me/packs/${id(packId)}`, metadata),
  setPackItems: (packId: string, contentIds: string[]) =>
    client.put<StudioPack>(`/api/v1/creators/me/packs/${id(packId)}/items`, { content_ids: contentIds }),
  publishPack: (packId: string) => client.post<StudioPack>(`/api/v1/creators/me/packs/${id(packId)}/publish`),
  archivePack: (packId: string) => client.post<StudioPack>(`/api/v1/creators/me/packs/${id(packId)}/archive`),
  packAnalytics: (packId: string, from?: string, to?: string) =>
    client.get<PackAnalytics>(`/api/v1/creators/me/packs/${id(packId)}/analytics`, { query: { from, to } }),
}

export { ApiError }
