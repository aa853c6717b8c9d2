import type { CommentView } from '../api/types';

export interface ThreadNode {
  comment: CommentView;
  replies: ThreadNode[];
}

/** Builds the reply tree; comments whose parent is missing become roots. Order within a level is kept. */
export function buildThread(items: CommentView[]): ThreadNode[] {
  const nodes = new Map<number, ThreadNode>();
  for (const c of items) nodes.set(c.id, { comment: c, replies: [] });
  const roots: ThreadNode[] = [];
  for (const c of items) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId != null ? nodes.get(c.parentId) : undefined;
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}

export type Segment = { text: string; mention?: string };

/** Splits a body into text and @mention segments (mentions only for names the server recognised). */
export function segmentMentions(body: string, mentions: string[]): Segment[] {
  const known = new Set(mentions.map((m) => m.toLowerCase()));
  const out: Segment[] = [];
  const re = /(^|[^\w@])@([A-Za-z0-9_.-]*[A-Za-z0-9_])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const at = m.index + m[1].length;
    const name = m[2];
    if (!known.has(name.toLowerCase())) continue;
    if (at > last) out.push({ text: body.slice(last, at) });
    out.push({ text: `@${name}`, mention: name });
    last = at + 1 + name.length;
  }
  if (last < body.length) out.push({ text: body.slice(last) });
  return out;
}

/** The partial @name being typed at the end of the text, if any (for suggestions). */
export function mentionQuery(text: string): string | null {
  const m = /(?:^|\s)@([A-Za-z0-9_.-]*)$/.exec(text);
  return m ? m[1] : null;
}

/** Completes the partial @name at the end of the text. */
export function completeMention(text: string, username: string): string {
  return text.replace(/@([A-Za-z0-9_.-]*)$/, `@${username} `);
}
