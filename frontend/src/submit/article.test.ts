import { describe, expect, it } from 'vitest';
import { claimFromForm, claimsFromSentences, parseTags } from './article';

describe('article claims', () => {
  it('parses tags', () => {
    expect(parseTags(' Ecuador, UN ,ecuador,, ')).toEqual(['ecuador', 'un']);
  });
  it('builds one claim per picked sentence with the article as source', () => {
    const out = claimsFromSentences(['First sentence here.', 'Second sentence here.', 'Third one here.'], new Set([0, 2]), {
      url: ' https://example.org/a ',
      claimant: '',
      tags: ['ecuador'],
    });
    expect(out).toEqual([
      { statement: 'First sentence here.', sourceUrl: 'https://example.org/a', tags: ['ecuador'] },
      { statement: 'Third one here.', sourceUrl: 'https://example.org/a', tags: ['ecuador'] },
    ]);
  });
  it('leaves out empty form fields', () => {
    const fd = new FormData();
    fd.set('statement', ' The moon is made of cheese. ');
    fd.set('claimant', '');
    fd.set('sourceUrl', 'https://example.org');
    fd.set('tags', 'space, food');
    fd.set('priority', 'HIGH');
    expect(claimFromForm(fd)).toEqual({
      statement: 'The moon is made of cheese.',
      sourceUrl: 'https://example.org',
      tags: ['space', 'food'],
      priority: 'HIGH',
    });
  });
});
