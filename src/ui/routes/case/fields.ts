/** Presentation helpers of the case page's forms (UTC in, UTC out; the server validates). */

/** A `datetime-local` value read as UTC ("2015-04-02T10:30" -> "2015-04-02T10:30:00.000Z"). */
export function utcInstant(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(trimmed)) return undefined;
  const d = new Date(`${trimmed}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * A `datetime-local` value as `YYYY-MM-DDTHH:MM:SS` without an offset (a wall-clock time, e.g. the
 * ISP's local time): the browser drops `:00` seconds, so they are put back; undefined otherwise.
 */
export function localSeconds(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d{1,3})?$/.exec(value.trim());
  return m ? `${m[1]}${m[2] ?? ':00'}` : undefined;
}

/** An ISO instant as a `datetime-local` value in UTC (seconds kept when they are not zero). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const s = d.toISOString();
  return s.endsWith(':00.000Z') ? s.slice(0, 16) : s.slice(0, 19);
}

/** Today as YYYY-MM-DD (UTC). */
export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** A form's text field, trimmed; undefined when empty (optional API fields are then left out). */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A form's text field, trimmed ('' when absent: the server then says what is missing). */
export function text(form: FormData, name: string): string {
  return optionalText(form, name) ?? '';
}

/** How long an authority has left, as the API computed it. */
export function expiryText(days: number | null): string {
  if (days === null) return 'no expiry';
  if (days < 0) return `expired ${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'expires today';
  return `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/** The justification's purposes, as the API lists them. */
export const PURPOSES = [
  ['investigation', 'Investigation'],
  ['victim_identification', 'Victim identification'],
  ['risk_management', 'Risk management'],
  ['disclosure_to_partner', 'Disclosure to a partner'],
  ['court_preparation', 'Court preparation'],
  ['quality_review', 'Quality review'],
] as const;
export type Purpose = (typeof PURPOSES)[number][0];
