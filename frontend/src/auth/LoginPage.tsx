import { login } from '../api/auth';
import { navigate, useLocation } from '../router/router';
import { safeNext } from '../router/routes';
import { ProblemMessage } from '../ui/Problem';
import { useAction } from '../ui/useAsync';
import { setSession } from './session';

export function LoginPage() {
  const { search } = useLocation();
  const action = useAction();
  return (
    <section class="login card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Factdesk</h1>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget as HTMLFormElement);
          const me = await action.run(() => login(String(fd.get('username') ?? '').trim(), String(fd.get('password') ?? '')));
          if (me) {
            setSession(me);
            navigate(safeNext(search.get('next')), { replace: true });
          }
        }}
      >
        <label>
          User name
          <input name="username" required autoComplete="username" autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <ProblemMessage problem={action.problem} />
        <button type="submit" disabled={action.busy}>
          Sign in
        </button>
      </form>
    </section>
  );
}
