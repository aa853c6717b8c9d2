import { Link } from '../router/router';

/** The administration area's sections. */
export function AdminNav({ current }: { current: 'people' | 'webhooks' }) {
  return (
    <nav aria-label="Administration" class="tabs admin-nav">
      <Link href="/admin" class="tab" aria-current={current === 'people' ? 'page' : undefined}>
        Users and API keys
      </Link>
      <Link href="/admin/webhooks" class="tab" aria-current={current === 'webhooks' ? 'page' : undefined}>
        Webhooks
      </Link>
    </nav>
  );
}
