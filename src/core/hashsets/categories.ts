/**
 * Category schemes. A code is always stored with its scheme and schemes are never merged: a
 * VICS US "1" and a legacy DHS "1" mean different things.
 */
export const CATEGORY_SCHEMES = [
  'vics_us',
  'dhs',
  'caid',
  'caid_numeric',
  'ncmec',
  'custom',
] as const;
export type CategoryScheme = (typeof CATEGORY_SCHEMES)[number];

const CODES: Partial<Record<CategoryScheme, ReadonlySet<string>>> = {
  // 0 Non-Pertinent, 1 CAM, 2 Exploitive/Age Difficult, 3 CGI/Animation, 4 Comparison.
  vics_us: new Set(['0', '1', '2', '3', '4']),
  // CAT-0 Uncategorized ... CAT-5 Non-pertinent.
  dhs: new Set(['0', '1', '2', '3', '4', '5']),
  caid: new Set(['A', 'B', 'C', 'non-indecent']),
  ncmec: new Set(['A1', 'A2', 'B1', 'B2']),
};

/**
 * Reads one category code in a scheme: null for absent/uncategorised, `{ reason }` when the code
 * does not exist in the scheme. UK/CAID numeric codes go through `caidMap` (their numeric codes
 * are not public, so the installation configures them); unmapped they stay `caid_numeric`.
 */
export function readCategory(
  scheme: CategoryScheme,
  raw: string | null,
  caidMap?: Record<string, string>,
): { scheme: CategoryScheme; code: string } | { reason: string } | null {
  if (raw === null || raw.trim() === '') return null;
  let code = raw.trim();
  if (scheme === 'dhs') code = code.replace(/^CAT-?/i, '');
  if (scheme === 'ncmec') code = code.toUpperCase();
  if (scheme === 'caid' || scheme === 'caid_numeric') {
    const mapped = caidMap?.[code];
    if (mapped !== undefined) return { scheme: 'caid', code: mapped };
    if (CODES.caid!.has(code)) return { scheme: 'caid', code };
    return /^\d+$/.test(code)
      ? { scheme: 'caid_numeric', code }
      : {
          reason: `"${code}" is not a UK/CAID category (A, B, C, non-indecent or a mapped number)`,
        };
  }
  const allowed = CODES[scheme];
  if (allowed && !allowed.has(code)) {
    return { reason: `"${raw}" is not a ${scheme} category (${[...allowed].join(', ')})` };
  }
  if (code.length > 64) return { reason: 'category longer than 64 characters' };
  return { scheme, code };
}

/** Checks a scheme name given on the command line or API. */
export function isCategoryScheme(value: string): value is CategoryScheme {
  return (CATEGORY_SCHEMES as readonly string[]).includes(value);
}
