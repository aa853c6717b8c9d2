import type { Problem } from '../api/problem';

/** Shows a failed call's problem title/detail (and field errors) in place. */
export function ProblemMessage({ problem, onDismiss }: { problem: Problem | null | undefined; onDismiss?: () => void }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert">
      <p>
        <strong>Error: {problem.title}</strong>
        {problem.status ? <span class="muted"> (HTTP {problem.status})</span> : null}
      </p>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.errors && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>
              {e.field ? <code>{e.field}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {Array.isArray(problem.allowed) ? <p>Allowed: {problem.allowed.join(', ') || 'none'}</p> : null}
      {onDismiss ? (
        <button type="button" class="link-button" onClick={onDismiss}>
          Dismiss error
        </button>
      ) : null}
    </div>
  );
}
