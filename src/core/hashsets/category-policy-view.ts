import { maxOf } from '#shared/collections.js';
import {
  CATEGORY_POLICY,
  categoryText,
  DEFAULT_DECISION,
  SCHEME_NAMES,
} from '#core/scoring/category-policy.js';
import type { CategoryPolicy } from './hashsets.schema.js';

/** The category policy the scoring engine applies, as the API and the CLI show it. */
export function categoryPolicyView(): CategoryPolicy {
  return {
    lines: CATEGORY_POLICY.map((e) => ({
      ...e,
      schemeName: SCHEME_NAMES[e.scheme] ?? e.scheme,
      text: categoryText(e.scheme, e.code),
    })),
    otherwise: DEFAULT_DECISION,
  };
}

/** The policy as a table for a terminal, with what applies to codes it does not list. */
export function formatCategoryPolicy(policy: CategoryPolicy): string {
  const rows = policy.lines.map((l) => [
    l.schemeName,
    l.code,
    l.label,
    l.decision === 'lead' ? 'lead' : 'not a lead',
  ]);
  const table = [['Scheme', 'Code', 'Label', 'Decision'], ...rows];
  const widths = [0, 1, 2].map((i) =>
    maxOf(
      table.map((r) => r[i]!.length),
      0,
    ),
  );
  const lines = table.map((r) =>
    r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '),
  );
  return [
    ...lines,
    '',
    `Other codes, other schemes and uncategorised entries of a known set: ${policy.otherwise === 'lead' ? 'lead' : 'not a lead'}.`,
    'Matches in a not-lead category are stored and shown, but earn no points and never make a lead.',
  ].join('\n');
}
