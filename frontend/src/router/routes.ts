/** Client-side routes (History API). Pure matching so it can be unit-tested. */
export type Route =
  | { name: 'queue' }
  | { name: 'claim'; id: number }
  | { name: 'submit' }
  | { name: 'admin' }
  | { name: 'webhooks' }
  | { name: 'webhook'; id: number }
  | { name: 'public'; rulingId: number }
  | { name: 'login' }
  | { name: 'notFound'; path: string };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'queue' };
  if (path === '/submit') return { name: 'submit' };
  if (path === '/admin') return { name: 'admin' };
  if (path === '/admin/webhooks') return { name: 'webhooks' };
  if (path === '/login') return { name: 'login' };
  let m = /^\/claims\/(\d+)$/.exec(path);
  if (m) return { name: 'claim', id: Number(m[1]) };
  m = /^\/admin\/webhooks\/(\d+)$/.exec(path);
  if (m) return { name: 'webhook', id: Number(m[1]) };
  m = /^\/public\/claim-reviews\/(\d+)$/.exec(path);
  if (m) return { name: 'public', rulingId: Number(m[1]) };
  return { name: 'notFound', path };
}

/** Only same-site, absolute paths may be used as a post-login destination. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
