// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CommentView } from '../api/types';
import { buildThread, completeMention, mentionQuery, segmentMentions } from './thread';

const c = (id: number, parentId: number | null = null): CommentView => ({
  id,
  claimId: 1,
  parentId,
  author: 'checker',
  body: `comment ${id}`,
  mentions: [],
  createdAt: '2026-01-01T00:00:00Z',
  deleted: false,
  resolved: false,
  version: 1,
});

describe('buildThread', () => {
  it('nests replies under their parents in order', () => {
    const t = buildThread([c(1), c(2, 1), c(3), c(4, 2), c(5, 1)]);
    expect(t.map((n) => n.comment.id)).toEqual([1, 3]);
    expect(t[0].replies.map((n) => n.comment.id)).toEqual([2, 5]);
    expect(t[0].replies[0].replies.map((n) => n.comment.id)).toEqual([4]);
  });
  it('keeps orphans as roots', () => {
    expect(buildThread([c(7, 99)]).map((n) => n.comment.id)).toEqual([7]);
  });
});

describe('mentions', () => {
  it('marks only recognised mentions', () => {
    expect(segmentMentions('Ask @editor2 and @nobody, mail a@b.c', ['editor2'])).toEqual([
      { text: 'Ask ' },
      { text: '@editor2', mention: 'editor2' },
      { text: ' and @nobody, mail a@b.c' },
    ]);
  });
  it('keeps markup as text', () => {
    expect(segmentMentions('<b>@checker</b>', ['checker'])).toEqual([
      { text: '<b>' },
      { text: '@checker', mention: 'checker' },
      { text: '</b>' },
    ]);
  });
  it('suggests and completes the name being typed', () => {
    expect(mentionQuery('hello @che')).toBe('che');
    expect(mentionQuery('hello @')).toBe('');
    expect(mentionQuery('mail a@b')).toBeNull();
    expect(completeMention('hello @che', 'checker')).toBe('hello @checker ');
  });
});
