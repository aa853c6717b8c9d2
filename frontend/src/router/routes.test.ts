import { describe, expect, it } from 'vitest';
import { matchRoute, safeNext } from './routes';

describe('matchRoute', () => {
  it('matches every screen', () => {
    expect(matchRoute('/')).toEqual({ name: 'queue' });
    expect(matchRoute('/claims/42')).toEqual({ name: 'claim', id: 42 });
    expect(matchRoute('/claims/42/')).toEqual({ name: 'claim', id: 42 });
    expect(matchRoute('/submit')).toEqual({ name: 'submit' });
    expect(matchRoute('/admin')).toEqual({ name: 'admin' });
    expect(matchRoute('/admin/webhooks')).toEqual({ name: 'webhooks' });
    expect(matchRoute('/admin/webhooks/5')).toEqual({ name: 'webhook', id: 5 });
    expect(matchRoute('/login')).toEqual({ name: 'login' });
    expect(matchRoute('/public/claim-reviews/7')).toEqual({ name: 'public', rulingId: 7 });
  });
  it('reports unknown paths', () => {
    expect(matchRoute('/claims/abc')).toEqual({ name: 'notFound', path: '/claims/abc' });
    expect(matchRoute('/nope')).toEqual({ name: 'notFound', path: '/nope' });
    expect(matchRoute('/admin/webhooks/x')).toEqual({ name: 'notFound', path: '/admin/webhooks/x' });
  });
});

describe('safeNext', () => {
  it('keeps local paths and refuses others', () => {
    expect(safeNext('/claims/3')).toBe('/claims/3');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
