import type { ContentType } from '../api/types'

export const TYPE_LABEL: Record<ContentType, string> = {
  affirmation: 'Affirmations',
  guided_meditation: 'Guided meditation',
  ritual: 'Ritual',
}

export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) seconds = 0
  const s = Math.floor(seconds)
  const m = Math.floor(s / 60)
  return `${m}:${String(s % 60).padStart(2, '0')}`
}

export function minutes(seconds: number): string {
  const m = Math.round(seconds / 60)
  return m < 1 ? `${Math.max(1, Math.round(seconds))} s` : `${m} min`
}

export function date(iso: string | null | undefined): string {
  if (!iso) return ''
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
}
