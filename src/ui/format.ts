/**
 * Presentation helpers only, shared by every screen: dates in UTC, numbers in the reader's locale,
 * plurals, and labels instead of stored codes. The server decides; these only word it.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = d.toISOString();
  return `${formatDate(text)}, ${text.slice(11, 16)} UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date (or an instant's UTC date) for a sentence: "7 Dec 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-CA');
}

export function formatScore(n: number): string {
  return n.toFixed(1);
}

/** "1 observation", "2 observations", "1,200 tip persons"; irregular plurals are given. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : pluralForm}`;
}

/** `rule_id_name` as "rule id name". */
export function humanise(id: string): string {
  return id.replace(/[_.]/g, ' ');
}

/** `legal_process_requested` as "Legal process requested" (a state, a disposition, a kind). */
export function label(id: string): string {
  const words = humanise(id);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SCHEMES: Record<string, string> = {
  projectvic: 'Project VIC',
  project_vic: 'Project VIC',
  vics: 'Project VIC',
  vics_us: 'VICS US',
  dhs: 'DHS',
  ncmec: 'NCMEC',
  interpol: 'INTERPOL',
  caid: 'CAID',
};

/** A hash-set category by its label ("Comparison (Project VIC 4)"); the code only when unlabelled. */
export function categoryName(
  scheme: string | null,
  code: string | null,
  name: string | null,
): string {
  if (!code) return 'Uncategorised';
  const schemeName = scheme ? (SCHEMES[scheme.toLowerCase()] ?? scheme) : '';
  const reference = `${schemeName} ${code}`.trim();
  return name ? `${name} (${reference})` : `${reference} (no label)`;
}

/** An offence with a wording: its date range, newest wording last. */
export type Worded = { code: string; section: string; label: string; inForceFrom: string };

/**
 * One wording per offence for a given day: the wording in force on `day` (YYYY-MM-DD), or the
 * earliest one when the day precedes them all. Every list of one period uses the same day, so a
 * list never mixes the old and the new wording of one offence.
 */
export function wordingsOn<T extends Worded>(offences: readonly T[], day: string): T[] {
  const chosen = new Map<string, T>();
  for (const o of offences) {
    const seen = chosen.get(o.code);
    const inForce = o.inForceFrom <= day;
    if (
      !seen ||
      (inForce && (seen.inForceFrom > day || o.inForceFrom > seen.inForceFrom)) ||
      (!inForce && seen.inForceFrom > day && o.inForceFrom < seen.inForceFrom)
    ) {
      chosen.set(o.code, o);
    }
  }
  return [...chosen.values()];
}

/** Records that differ only by id, grouped: "Possession … × 3" is one line with a count. */
export function countedLines<T>(items: readonly T[], key: (item: T) => string) {
  const lines = new Map<string, { item: T; count: number }>();
  for (const item of items) {
    const k = key(item);
    const line = lines.get(k);
    if (line) line.count += 1;
    else lines.set(k, { item, count: 1 });
  }
  return [...lines.values()];
}

/** A text field of a submitted form ('' when absent or a file). */
export function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
