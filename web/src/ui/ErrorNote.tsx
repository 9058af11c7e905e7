import { Link } from 'react-router'
import { ApiError, plainMessage } from '../api/errors'

/** An error in plain words, announced to screen readers; with a way forward where there is one. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null
  const credits = error instanceof ApiError && error.code === 'INSUFFICIENT_CREDITS'
  return (
    <div className="note note-error" role="alert">
      <p>{plainMessage(error)}</p>
      {credits && (
        <p>
          <Link to="/credits">See your credits</Link>
        </p>
      )}
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
