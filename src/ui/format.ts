/** Presentation helpers only: dates in UTC, numbers in the reader's locale. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-CA');
}

export function formatScore(n: number): string {
  return n.toFixed(1);
}

/** `rule_id_name` as "rule id name". */
export function humanise(id: string): string {
  return id.replace(/[_.]/g, ' ');
}

/** A text field of a submitted form ('' when absent or a file). */
export function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
