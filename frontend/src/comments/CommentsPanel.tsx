import { useState } from 'preact/hooks';
import { addComment, deleteComment, editComment, listComments, resolveComment } from '../api/comments';
import type { CommentView, ItemAction, Me } from '../api/types';
import { listUsers } from '../api/users';
import { can } from '../auth/session';
import { formatDateTime } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction, useAsync } from '../ui/useAsync';
import { buildThread, completeMention, mentionQuery, segmentMentions, type ThreadNode } from './thread';

/** The thread; what the caller may do comes from the server (the claim's and each comment's allowedActions). */
export function CommentsPanel({ claimId, me, canComment }: { claimId: number; me: Me | null | undefined; canComment: boolean }) {
  const list = useAsync(() => listComments(claimId), [claimId]);
  const users = useAsync(
    () => (can.listUsers(me) ? listUsers().then((r) => r.items.map((u) => u.username)) : Promise.resolve([])),
    [me?.username],
  );
  const thread = buildThread(list.data?.items ?? []);
  const readOnly = !me || !canComment;
  const ctx: Ctx = { me, readOnly, usernames: users.data ?? [], reload: list.reload };
  return (
    <section class="card" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments ({list.data?.items.length ?? 0})</h2>
      <ProblemMessage problem={list.problem} />
      <ProblemMessage problem={users.problem} />
      {thread.length === 0 && !list.loading && !list.problem ? <p class="muted">No comments yet.</p> : null}
      <ul class="thread" aria-label="Comment thread">
        {thread.map((n) => (
          <CommentNode key={n.comment.id} node={n} claimId={claimId} ctx={ctx} depth={0} />
        ))}
      </ul>
      {!readOnly ? <CommentForm claimId={claimId} ctx={ctx} label="New comment" submitLabel="Post comment" /> : null}
    </section>
  );
}

interface Ctx {
  me: Me | null | undefined;
  readOnly: boolean;
  usernames: string[];
  reload: () => void;
}

function Body({ c }: { c: CommentView }) {
  if (c.deleted) return <p class="tombstone">Comment removed</p>;
  return (
    <p class="comment-body">
      {segmentMentions(c.body ?? '', c.mentions ?? []).map((s, i) =>
        s.mention ? (
          <strong key={i} class="mention">
            {s.text}
          </strong>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}

function CommentNode({ node, claimId, ctx, depth }: { node: ThreadNode; claimId: number; ctx: Ctx; depth: number }) {
  const c = node.comment;
  const [mode, setMode] = useState<'view' | 'reply' | 'edit'>('view');
  const action = useAction();
  const may = (a: ItemAction) => (c.allowedActions ?? []).includes(a);
  const label = `comment by ${c.author}`;
  return (
    <li class="comment" aria-label={`Comment by ${c.author}`}>
      <div class="comment-head">
        <strong>{c.author}</strong>{' '}
        <time class="muted" dateTime={c.createdAt}>
          {formatDateTime(c.createdAt)}
        </time>
        {c.editedAt ? <span class="muted"> (edited)</span> : null}
        {c.resolved ? (
          <span class="badge ok">
            <span aria-hidden="true">✓ </span>Resolved{c.resolvedBy ? ` by ${c.resolvedBy}` : ''}
          </span>
        ) : null}
      </div>
      {mode === 'edit' ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const body = String(new FormData(e.currentTarget as HTMLFormElement).get('body') ?? '');
            const r = await action.run(() => editComment(c.id, c.version, body));
            if (r) {
              setMode('view');
              ctx.reload();
            }
          }}
        >
          <label>
            Edit {label}
            <textarea name="body" rows={3} required maxLength={10000} defaultValue={c.body ?? ''} />
          </label>
          <button type="submit" disabled={action.busy}>
            Save comment
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : (
        <Body c={c} />
      )}
      {!ctx.readOnly && !c.deleted && mode === 'view' ? (
        <div class="actions small">
          {depth < 6 ? (
            <button type="button" class="link-button" aria-label={`Reply to ${label}`} onClick={() => setMode('reply')}>
              Reply
            </button>
          ) : null}
          {may('EDIT') ? (
            <button type="button" class="link-button" aria-label={`Edit ${label}`} onClick={() => setMode('edit')}>
              Edit
            </button>
          ) : null}
          {may('DELETE') ? (
            <button
              type="button"
              class="link-button"
              aria-label={`Delete ${label}`}
              onClick={async () => {
                if (!confirm('Delete this comment? A “comment removed” marker stays in the thread.')) return;
                const ok = await action.run(() => deleteComment(c.id).then(() => true));
                if (ok) ctx.reload();
              }}
            >
              Delete
            </button>
          ) : null}
          {may('RESOLVE') ? (
            <button
              type="button"
              class="link-button"
              aria-label={`Resolve ${label}`}
              onClick={async () => {
                const r = await action.run(() => resolveComment(c.id));
                if (r) ctx.reload();
              }}
            >
              Resolve
            </button>
          ) : null}
        </div>
      ) : null}
      <ProblemMessage problem={action.problem} />
      {mode === 'reply' ? (
        <CommentForm
          claimId={claimId}
          parentId={c.id}
          ctx={ctx}
          label={`Reply to ${label}`}
          submitLabel="Post reply"
          onDone={() => setMode('view')}
        />
      ) : null}
      {node.replies.length ? (
        <ul class="thread replies">
          {node.replies.map((r) => (
            <CommentNode key={r.comment.id} node={r} claimId={claimId} ctx={ctx} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function CommentForm({
  claimId,
  parentId,
  ctx,
  label,
  submitLabel,
  onDone,
}: {
  claimId: number;
  parentId?: number;
  ctx: Ctx;
  label: string;
  submitLabel: string;
  onDone?: () => void;
}) {
  const [text, setText] = useState('');
  const action = useAction();
  const q = mentionQuery(text);
  const suggestions =
    q === null ? [] : ctx.usernames.filter((u) => u.toLowerCase().startsWith(q.toLowerCase())).slice(0, 6);
  return (
    <form
      class="comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await action.run(() => addComment(claimId, text, parentId));
        if (r) {
          setText('');
          ctx.reload();
          onDone?.();
        }
      }}
    >
      <label>
        {label}
        <textarea
          rows={3}
          required
          maxLength={10000}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-describedby={`mention-hint-${claimId}-${parentId ?? 0}`}
        />
      </label>
      <p class="hint" id={`mention-hint-${claimId}-${parentId ?? 0}`}>
        Type @ and a user name to mention someone.
      </p>
      {suggestions.length ? (
        <div role="group" aria-label="Mention suggestions" class="actions small">
          {suggestions.map((u) => (
            <button key={u} type="button" class="chip" onClick={() => setText(completeMention(text, u))}>
              @{u}
            </button>
          ))}
        </div>
      ) : null}
      <ProblemMessage problem={action.problem} />
      <button type="submit" disabled={action.busy || !text.trim()}>
        {submitLabel}
      </button>
      {onDone ? (
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      ) : null}
    </form>
  );
}
