// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isClaimable, splitSentences } from './sentences';

const article = readFileSync(new URL('../../test/fixtures/article-ecuador-assange.txt', import.meta.url), 'utf8');

describe('splitSentences on the sample article', () => {
  const sentences = splitSentences(article);

  it('finds every sentence, headline included', () => {
    expect(sentences).toHaveLength(18);
    expect(sentences[0]).toBe("Ecuador Backs Down: Foreign Ministry Says It Has 'No Plans' To Expel Assange");
    expect(sentences[17]).toBe('RT has more on the story below:');
  });

  it('splits a paragraph with several sentences', () => {
    expect(sentences).toContain(
      "Though Assange's privileges were eventually restored, he and his legal team sued the Ecuadorian government, and since then, the tensions have only escalated.",
    );
    expect(sentences).toContain(
      'Recently, Ecuadorian President Lenin Moreno, who has described Assange as a "stone in my shoe", accused Wikileaks of publishing private photos of his family.',
    );
  });

  it('does not split after "Mr." and keeps closing quotes with their sentence', () => {
    const quote = sentences.find((s) => s.startsWith('“In my assessment'));
    expect(quote).toBe(
      '“In my assessment, if Mr. Assange were to be expelled from the Embassy of Ecuador, he is likely to be arrested by British authorities and extradited to the United States," he said.',
    );
    expect(sentences.find((s) => s.startsWith('"Such a response'))?.endsWith('punishment."')).toBe(true);
    expect(sentences.some((s) => s === 'Mr.' || s.endsWith(' Mr.'))).toBe(false);
  });

  it('yields statements the service accepts', () => {
    expect(sentences.every(isClaimable)).toBe(true);
  });
});

describe('splitSentences edge cases', () => {
  it('handles abbreviations, initials and numbers', () => {
    expect(splitSentences('Dr. Smith met J. R. Doe in the U.S. on Monday. It cost 3.5 million. Really?')).toEqual([
      'Dr. Smith met J. R. Doe in the U.S. on Monday.',
      'It cost 3.5 million.',
      'Really?',
    ]);
  });
  it('splits on ! and ? and keeps lines apart', () => {
    expect(splitSentences('Wow! Is it true? Yes.\r\nNew line without stop\n\n  Third  ')).toEqual([
      'Wow!',
      'Is it true?',
      'Yes.',
      'New line without stop',
      'Third',
    ]);
  });
  it('does not split before a lower-case continuation', () => {
    expect(splitSentences('He said no. and left.')).toEqual(['He said no. and left.']);
  });
  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n ')).toEqual([]);
  });
  it('rejects too short or too long statements', () => {
    expect(isClaimable('Too short')).toBe(false);
    expect(isClaimable('x'.repeat(2001))).toBe(false);
  });
});
