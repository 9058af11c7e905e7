import { useCallback, useState } from 'react'

const PREFIX = 'waqup.draft.'

function persist(key: string, value: string): void {
  try {
    if (value) sessionStorage.setItem(PREFIX + key, value)
    else sessionStorage.removeItem(PREFIX + key)
  } catch {
    // storage full or disabled: the field still works, it just is not kept
  }
}

/**
 * A text field's value kept in sessionStorage as it is typed (written at once, not after the render), so a lost
 * connection, an expired session (the detour through the login page) or a reload never loses it; clear() once it
 * was sent, or reset(saved) once the platform holds it.
 */
export function useDraft(key: string, initial = ''): [string, (v: string) => void, () => void, (v: string) => void] {
  const [value, setValue] = useState<string>(() => sessionStorage.getItem(PREFIX + key) ?? initial)
  const set = useCallback((v: string) => {
    persist(key, v)
    setValue(v)
  }, [key])
  const clear = useCallback(() => set(''), [set])
  /** the value the platform now has: shown, and no draft kept */
  const reset = useCallback((v: string) => {
    persist(key, '')
    setValue(v)
  }, [key])
  return [value, set, clear, reset]
}
