import { useEffect, useState } from 'preact/hooks';
import { logout, me as fetchMe } from './api/auth';
import { setUnauthorizedHandler } from './api/client';
import { asProblem, type Problem } from './api/problem';
import { AdminPage } from './admin/AdminPage';
import { LoginPage } from './auth/LoginPage';
import { can, setSession, useSession } from './auth/session';
import { ClaimPage } from './claim/ClaimPage';
import { PublicReviewPage } from './public/PublicReviewPage';
import { QueuePage } from './queue/QueuePage';
import { Link, navigate, useLocation } from './router/router';
import { SubmitPage } from './submit/SubmitPage';
import { humanize } from './ui/format';
import { ProblemMessage } from './ui/Problem';
import { WebhookPage } from './webhooks/WebhookPage';
import { WebhooksPage } from './webhooks/WebhooksPage';

export function App() {
  const loc = useLocation();
  const me = useSession();
  const [problem, setProblem] = useState<Problem | null>(null);
  const route = loc.route;
  const isPublic = route.name === 'public' || route.name === 'login';

  useEffect(() => {
    // a 401 on any call means the session is gone: sign in again (the redirect effect below keeps the page)
    setUnauthorizedHandler(() => setSession(null));
    fetchMe().then(
      (m) => setSession(m),
      (e) => {
        setProblem(asProblem(e));
        setSession(null);
      },
    );
  }, []);

  // staff screens need a session: send the user to sign in, then back
  useEffect(() => {
    if (me === null && !isPublic) {
      navigate(`/login?next=${encodeURIComponent(loc.pathname + location.search)}`, { replace: true });
    }
  }, [me, isPublic, loc.pathname]);

  // move focus to the main heading after client-side navigation, for screen readers and keyboards
  useEffect(() => {
    const h = document.querySelector<HTMLElement>('main h1');
    if (h && document.activeElement === document.body) {
      h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: true });
    }
    if (route.name !== 'public') document.title = 'Factdesk';
  }, [loc.pathname]);

  let page;
  if (route.name === 'public') page = <PublicReviewPage rulingId={route.rulingId} />;
  else if (route.name === 'login') page = <LoginPage />;
  else if (me === undefined) page = <p role="status">Loading…</p>;
  else if (me === null) page = <p role="status">Redirecting to sign in…</p>;
  else if (route.name === 'queue') page = <QueuePage />;
  else if (route.name === 'claim') page = <ClaimPage key={route.id} id={route.id} />;
  else if (route.name === 'submit') page = <SubmitPage />;
  else if (route.name === 'admin') page = <AdminPage />;
  else if (route.name === 'webhooks') page = <WebhooksPage />;
  else if (route.name === 'webhook') page = <WebhookPage key={route.id} id={route.id} />;
  else
    page = (
      <section>
        <h1>Page not found</h1>
        <p>
          Nothing lives at <code>{route.path}</code>. <Link href="/">Go to the queue</Link>.
        </p>
      </section>
    );

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Factdesk
        </Link>
        {me ? (
          <nav aria-label="Main">
            <Link href="/" aria-current={route.name === 'queue' ? 'page' : undefined}>
              Queue
            </Link>
            {can.submitClaims(me) ? (
              <Link href="/submit" aria-current={route.name === 'submit' ? 'page' : undefined}>
                Submit claims
              </Link>
            ) : null}
            {can.admin(me) ? (
              <Link
                href="/admin"
                aria-current={
                  route.name === 'admin' ? 'page' : route.name === 'webhooks' || route.name === 'webhook' ? 'true' : undefined
                }
              >
                Admin
              </Link>
            ) : null}
          </nav>
        ) : null}
        {me ? (
          <div class="who">
            <span>
              Signed in as <strong>{me.displayName}</strong> ({me.username}; {me.roles.map(humanize).join(', ')})
            </span>
            <button
              type="button"
              onClick={async () => {
                try {
                  await logout();
                } catch (e) {
                  setProblem(asProblem(e));
                }
                setSession(null);
                navigate('/login', { replace: true });
              }}
            >
              Sign out
            </button>
          </div>
        ) : route.name !== 'login' ? (
          <Link href={`/login?next=${encodeURIComponent(loc.pathname)}`}>Sign in</Link>
        ) : null}
      </header>
      <main id="main">
        <ProblemMessage problem={problem} onDismiss={() => setProblem(null)} />
        {page}
      </main>
    </>
  );
}
