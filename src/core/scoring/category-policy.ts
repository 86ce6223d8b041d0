/**
 * Which hash-set categories make a lead (docs/HASHSETS.md, "Which categories make a lead"). A match
 * in a not-lead category (Project VIC's "0 Non-Pertinent" and "4 Comparison", DHS "CAT-5
 * Non-pertinent", CAID "non-indecent") is stored and shown, but is not known abuse material: it
 * earns no points and cannot make or raise a lead. Codes not listed, other schemes and uncategorised
 * entries of a known set are leads (a known set says they are known material). Pure reference data:
 * the scoring engine reads it, `GET /api/hashsets/category-policy` and `vigil hashsets policy` show it.
 */
export type CategoryDecision = 'lead' | 'not_lead';

export type CategoryPolicyEntry = {
  scheme: string;
  code: string;
  label: string;
  decision: CategoryDecision;
};

/** The scheme names as a reader knows them. */
export const SCHEME_NAMES: Readonly<Record<string, string>> = {
  vics_us: 'VICS US',
  dhs: 'DHS',
  caid: 'CAID',
  caid_numeric: 'CAID numeric',
  ncmec: 'NCMEC',
  custom: 'custom',
};

/** The default policy, one line per category whose meaning is public. */
export const CATEGORY_POLICY: readonly CategoryPolicyEntry[] = [
  { scheme: 'vics_us', code: '0', label: 'Non-Pertinent', decision: 'not_lead' },
  { scheme: 'vics_us', code: '1', label: 'Child Abuse Material', decision: 'lead' },
  { scheme: 'vics_us', code: '2', label: 'Child Exploitive / Age Difficult', decision: 'lead' },
  { scheme: 'vics_us', code: '3', label: 'CGI / Animation', decision: 'lead' },
  { scheme: 'vics_us', code: '4', label: 'Comparison', decision: 'not_lead' },
  { scheme: 'dhs', code: '0', label: 'Uncategorized', decision: 'lead' },
  { scheme: 'dhs', code: '5', label: 'Non-pertinent', decision: 'not_lead' },
  // UK sentencing guideline wording.
  {
    scheme: 'caid',
    code: 'A',
    label: 'Penetrative activity, sadism or bestiality',
    decision: 'lead',
  },
  { scheme: 'caid', code: 'B', label: 'Non-penetrative sexual activity', decision: 'lead' },
  { scheme: 'caid', code: 'C', label: 'Other indecent image', decision: 'lead' },
  { scheme: 'caid', code: 'non-indecent', label: 'Non-indecent', decision: 'not_lead' },
  // The industry classification of CyberTipline reports.
  { scheme: 'ncmec', code: 'A1', label: 'Prepubescent minor, sex act', decision: 'lead' },
  {
    scheme: 'ncmec',
    code: 'A2',
    label: 'Prepubescent minor, lascivious exhibition',
    decision: 'lead',
  },
  { scheme: 'ncmec', code: 'B1', label: 'Pubescent minor, sex act', decision: 'lead' },
  {
    scheme: 'ncmec',
    code: 'B2',
    label: 'Pubescent minor, lascivious exhibition',
    decision: 'lead',
  },
];

/** What applies to a code the table does not list (and to an uncategorised known entry). */
export const DEFAULT_DECISION: CategoryDecision = 'lead';

const BY_KEY = new Map(CATEGORY_POLICY.map((e) => [`${e.scheme}:${e.code}`, e]));

/** The policy line of one category, or undefined when the table does not list it. */
export function categoryPolicyOf(
  scheme: string | null,
  code: string | null,
): CategoryPolicyEntry | undefined {
  return scheme === null || code === null ? undefined : BY_KEY.get(`${scheme}:${code}`);
}

/** Whether a known match in this category counts as known material (makes or raises a lead). */
export function isLeadCategory(scheme: string | null, code: string | null): boolean {
  return (categoryPolicyOf(scheme, code)?.decision ?? DEFAULT_DECISION) === 'lead';
}

/** The human label of a category ("Comparison"), or null when its meaning is not public. */
export function categoryLabelOf(scheme: string | null, code: string | null): string | null {
  return categoryPolicyOf(scheme, code)?.label ?? null;
}

/** A category for a sentence: "VICS US 1 (Child Abuse Material)", "NCMEC A1", "uncategorised". */
export function categoryText(scheme: string | null, code: string | null): string {
  if (code === null) return 'uncategorised';
  const name = scheme === null ? '' : (SCHEME_NAMES[scheme] ?? scheme);
  const label = categoryLabelOf(scheme, code);
  const reference = `${name} ${code}`.trim();
  return label ? `${reference} (${label})` : reference;
}
