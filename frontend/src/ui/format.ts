/** Formatting in the user's locale (navigator.language unless a locale is given). */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A calendar date such as claimedAt ("2019-04-12"), shown without shifting across time zones. */
export function formatDate(isoDate: string | null | undefined, locale?: string): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return formatDateTime(isoDate, locale);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatBytes(n: number | null | undefined, locale?: string): string {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 ? 0 : v < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v)} ${units[i]}`;
}

export function shortHash(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 12) : '';
}

const STATUS_LABELS: Record<string, string> = {
  SUBMITTED: 'Submitted',
  RESEARCHING: 'Researching',
  IN_REVIEW: 'In review',
  RATED: 'Rated',
  DISMISSED: 'Dismissed',
};

export function statusLabel(s: string): string {
  return STATUS_LABELS[s] ?? humanize(s);
}

/** "FACT_CHECKER" -> "Fact checker". */
export function humanize(s: string): string {
  const t = s.replace(/_/g, ' ').toLowerCase();
  return t.charAt(0).toUpperCase() + t.slice(1);
}
