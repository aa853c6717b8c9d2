import { describe, expect, it } from 'vitest';
import {
  coveredByWildcard,
  describeEvents,
  groupEventTypes,
  isSelected,
  subscriptions,
  toggle,
  unknownPatterns,
} from './events';

const TYPES = [
  'ruling.published',
  'claim.submitted',
  'claim.assigned',
  'api_key.created',
  'ruling.approved',
  'claim.status_changed',
];

describe('groupEventTypes', () => {
  it('groups by resource, sorted, each with its resource wildcard', () => {
    expect(groupEventTypes(TYPES)).toEqual([
      { resource: 'api_key', wildcard: 'api_key.*', types: ['api_key.created'] },
      { resource: 'claim', wildcard: 'claim.*', types: ['claim.assigned', 'claim.status_changed', 'claim.submitted'] },
      { resource: 'ruling', wildcard: 'ruling.*', types: ['ruling.approved', 'ruling.published'] },
    ]);
  });

  it('puts types without a resource last, without a wildcard, and ignores wildcards and repeats', () => {
    expect(groupEventTypes(['heartbeat', 'claim.submitted', 'claim.submitted', '*', 'claim.*'])).toEqual([
      { resource: 'claim', wildcard: 'claim.*', types: ['claim.submitted'] },
      { resource: 'other', wildcard: null, types: ['heartbeat'] },
    ]);
  });
});

describe('wildcard selection', () => {
  it('a resource wildcard covers every type of that resource only', () => {
    const sel = new Set(['claim.*']);
    expect(coveredByWildcard(sel, 'claim.submitted')).toBe(true);
    expect(coveredByWildcard(sel, 'ruling.published')).toBe(false);
    expect(isSelected(sel, 'claim.assigned')).toBe(true);
    expect(isSelected(sel, 'claim.*')).toBe(true);
    expect(isSelected(sel, '*')).toBe(false);
  });

  it('"*" covers every type and every resource wildcard', () => {
    const sel = new Set(['*']);
    expect(coveredByWildcard(sel, 'api_key.created')).toBe(true);
    expect(coveredByWildcard(sel, 'ruling.*')).toBe(true);
    expect(isSelected(sel, 'heartbeat')).toBe(true);
  });

  it('a single type ticked on its own is selected but not locked', () => {
    const sel = toggle(new Set(), 'claim.submitted', true);
    expect(isSelected(sel, 'claim.submitted')).toBe(true);
    expect(coveredByWildcard(sel, 'claim.submitted')).toBe(false);
    expect(isSelected(sel, 'claim.assigned')).toBe(false);
  });

  it('sends "*" alone when everything is ticked', () => {
    expect(subscriptions(new Set(['claim.submitted', 'ruling.*', '*']))).toEqual(['*']);
  });

  it('leaves out the types a resource wildcard covers, wildcards first', () => {
    expect(subscriptions(new Set(['ruling.published', 'claim.assigned', 'claim.*', 'api_key.created']))).toEqual([
      'claim.*',
      'api_key.created',
      'ruling.published',
    ]);
  });

  it('gives back the earlier single choices when a wildcard is unticked', () => {
    let sel = new Set(['claim.submitted']);
    sel = toggle(sel, 'claim.*', true);
    expect(subscriptions(sel)).toEqual(['claim.*']);
    sel = toggle(sel, 'claim.*', false);
    expect(subscriptions(sel)).toEqual(['claim.submitted']);
  });

  it('does not change the selection it is given', () => {
    const sel = new Set(['claim.*']);
    toggle(sel, '*', true);
    expect([...sel]).toEqual(['claim.*']);
  });

  it('keeps subscriptions the service no longer lists, so saving does not drop them', () => {
    const groups = groupEventTypes(TYPES);
    const sel = new Set(['claim.*', 'claim.exploded', 'legacy.*']);
    expect(unknownPatterns(sel, groups)).toEqual(['claim.exploded', 'legacy.*']);
    expect(subscriptions(sel)).toEqual(['claim.*', 'legacy.*']);
  });

  it('selects nothing when nothing is ticked', () => {
    expect(subscriptions(new Set())).toEqual([]);
  });
});

describe('describeEvents', () => {
  it('names "*" in words and lists the rest', () => {
    expect(describeEvents(['*'])).toBe('All events (*)');
    expect(describeEvents(['claim.*', 'ruling.published'])).toBe('claim.*, ruling.published');
    expect(describeEvents([])).toBe('None');
  });
});
