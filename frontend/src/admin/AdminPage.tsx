import { useState } from 'preact/hooks';
import { AdminNav } from './AdminNav';
import { ROLES, type CreatedApiKey, type Role } from '../api/types';
import { createApiKey, createUser, deactivateUser, listApiKeys, listUsers, revokeApiKey } from '../api/users';
import { can, useSession } from '../auth/session';
import { formatDateTime, humanize } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction, useAsync } from '../ui/useAsync';
import { SelectField } from '../ui/SelectField';

export function AdminPage() {
  const me = useSession();
  if (!can.admin(me)) {
    return (
      <section>
        <h1>Administration</h1>
        <p role="alert">Only administrators can manage users and API keys.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <AdminNav current="people" />
      <Users />
      <ApiKeys />
    </section>
  );
}

function Users() {
  const me = useSession();
  const users = useAsync(() => listUsers(), []);
  const create = useAction();
  const act = useAction();
  return (
    <section class="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <ProblemMessage problem={users.problem} />
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Users</caption>
          <thead>
            <tr>
              <th scope="col">User name</th>
              <th scope="col">Name</th>
              <th scope="col">Roles</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{u.roles.map(humanize).join(', ')}</td>
                <td>{u.active ? 'Active' : 'Deactivated'}</td>
                <td>
                  <time dateTime={u.createdAt}>{formatDateTime(u.createdAt)}</time>
                </td>
                <td>
                  {u.active && u.username !== me?.username ? (
                    <button
                      type="button"
                      aria-label={`Deactivate ${u.username}`}
                      disabled={act.busy}
                      onClick={async () => {
                        if (!confirm(`Deactivate ${u.username}? They will no longer be able to sign in.`)) return;
                        if (await act.run(() => deactivateUser(u.username))) users.reload();
                      }}
                    >
                      Deactivate
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProblemMessage problem={act.problem} />
      <form
        aria-labelledby="new-user-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement;
          const fd = new FormData(form);
          const roles = fd.getAll('roles').map(String) as Role[];
          const u = await create.run(() =>
            createUser({
              username: String(fd.get('username') ?? '').trim(),
              displayName: String(fd.get('displayName') ?? '').trim(),
              password: String(fd.get('password') ?? ''),
              roles,
            }),
          );
          if (u) {
            form.reset();
            users.reload();
          }
        }}
      >
        <h3 id="new-user-title">New user</h3>
        <div class="grid2">
          <label>
            User name
            <input name="username" required autoComplete="off" />
          </label>
          <label>
            Display name
            <input name="displayName" required />
          </label>
          <label>
            Initial password
            <input name="password" type="password" required autoComplete="new-password" />
          </label>
        </div>
        <fieldset>
          <legend>Roles</legend>
          {ROLES.map((r) => (
            <label class="inline" key={r}>
              <input type="checkbox" name="roles" value={r} /> {humanize(r)}
            </label>
          ))}
        </fieldset>
        <ProblemMessage problem={create.problem} />
        <button type="submit" disabled={create.busy}>
          Create user
        </button>
      </form>
    </section>
  );
}

function ApiKeys() {
  const keys = useAsync(() => listApiKeys(), []);
  const create = useAction();
  const act = useAction();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <section class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <ProblemMessage problem={keys.problem} />
      {created ? (
        <div class="token" role="status">
          <p>
            <strong>Copy the token for “{created.name}” now: it is shown only once.</strong>
          </p>
          <label>
            New API key token
            <input readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => setCreated(null)}>
            I have copied the token
          </button>
        </div>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption class="sr-only">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(keys.data?.items ?? []).map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{humanize(k.role)}</td>
                <td>
                  {formatDateTime(k.createdAt)}
                  {k.createdBy ? ` by ${k.createdBy}` : ''}
                </td>
                <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</td>
                <td>{k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : 'Active'}</td>
                <td>
                  {!k.revokedAt ? (
                    <button
                      type="button"
                      aria-label={`Revoke key ${k.name}`}
                      disabled={act.busy}
                      onClick={async () => {
                        if (!confirm(`Revoke the key “${k.name}”? Integrations using it stop working.`)) return;
                        const ok = await act.run(() => revokeApiKey(k.id).then(() => true));
                        if (ok) keys.reload();
                      }}
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProblemMessage problem={act.problem} />
      <form
        aria-labelledby="new-key-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement;
          const fd = new FormData(form);
          const k = await create.run(() =>
            createApiKey(String(fd.get('name') ?? '').trim(), String(fd.get('role')) as Role),
          );
          if (k) {
            setCreated(k);
            form.reset();
            keys.reload();
          }
        }}
      >
        <h3 id="new-key-title">New API key</h3>
        <div class="grid2">
          <label>
            Key name
            <input name="name" required />
          </label>
          <SelectField label="Key role" name="role">
              {ROLES.map((r) => (
                <option key={r} value={r} selected={r === 'CONTRIBUTOR'}>
                  {humanize(r)}
                </option>
              ))}
            </SelectField>
        </div>
        <ProblemMessage problem={create.problem} />
        <button type="submit" disabled={create.busy}>
          Create API key
        </button>
      </form>
    </section>
  );
}
