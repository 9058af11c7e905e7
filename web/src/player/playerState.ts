/** What the player shows and what it owes the platform (a play event once, a completion once), as a pure reducer. */
export type PlayerStatus = 'idle' | 'playing' | 'paused' | 'ended' | 'error'

export interface PlayerState {
  status: PlayerStatus
  position: number
  duration: number
  /** seconds actually listened (seeking forward does not count) */
  listened: number
  /** when this session's first play started (ISO); the play event is sent once per session */
  startedAt: string | null
  completed: boolean
  error: string | null
}

export type PlayerAction =
  | { type: 'duration'; duration: number }
  | { type: 'play'; at: string }
  | { type: 'pause' }
  | { type: 'time'; position: number }
  | { type: 'seek'; position: number }
  | { type: 'ended' }
  | { type: 'error'; message: string }
  | { type: 'reset' }

export const initialPlayer = (duration = 0): PlayerState => ({
  status: 'idle',
  position: 0,
  duration,
  listened: 0,
  startedAt: null,
  completed: false,
  error: null,
})

/** Time updates arrive every ~250 ms while playing; a larger jump is a seek, not listening. */
const MAX_TICK = 1.5

export function playerReducer(state: PlayerState, action: PlayerAction): PlayerState {
  switch (action.type) {
    case 'duration':
      return Number.isFinite(action.duration) && action.duration > 0 ? { ...state, duration: action.duration } : state
    case 'play':
      if (state.status === 'ended') {
        // a replay is a new practice session
        return { ...initialPlayer(state.duration), status: 'playing', startedAt: action.at }
      }
      return { ...state, status: 'playing', error: null, startedAt: state.startedAt ?? action.at }
    case 'pause':
      return state.status === 'playing' ? { ...state, status: 'paused' } : state
    case 'time': {
      const delta = action.position - state.position
      const listened = state.status === 'playing' && delta > 0 && delta <= MAX_TICK ? state.listened + delta : state.listened
      return { ...state, position: action.position, listened }
    }
    case 'seek':
      return { ...state, position: Math.max(0, Math.min(action.position, state.duration || action.position)) }
    case 'ended':
      return {
        ...state,
        status: 'ended',
        position: state.duration || state.position,
        completed: state.startedAt !== null,
      }
    case 'error':
      return { ...state, status: 'error', error: action.message }
    case 'reset':
      return initialPlayer(state.duration)
  }
}

export const remaining = (s: PlayerState): number => Math.max(0, (s.duration || 0) - s.position)
