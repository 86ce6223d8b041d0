import { categoryLabelOf, isLeadCategory } from '#core/scoring/category-policy.js';
import { readHashInput } from './hash-input.js';
import { isEmptyFileHash } from './hash-values.js';
import type { MatchRequest, MatchResult, MatchView } from './hashsets.schema.js';
import type { HashIndex, IndexedMatch } from './matching/hash-index.js';
import { DEFAULT_PDQ_DISTANCE } from './matching/pdq-index.js';

type Found = IndexedMatch & { hashType: string; distance?: number; matchedHash?: string };

/**
 * The verdict for each input. Benign entries never make a match: `matches` holds known entries
 * only, `benign` the benign ones. Precedence among known entries (`primary`): the nearest PDQ
 * distance first, then the set version activated most recently (the freshest review), then the
 * set name; every entry is still listed with its own set, version, scheme and code.
 */
export function matchInputs(index: HashIndex, request: MatchRequest): MatchResult[] {
  const maxDistance = request.pdqMaxDistance ?? DEFAULT_PDQ_DISTANCE;
  return request.hashes.map((input): MatchResult => {
    const empty = { input, primary: null, matches: [], benign: [], isAlsoBenign: false };
    const candidates = readHashInput(input);
    if ('reason' in candidates) return { ...empty, status: 'invalid', reason: candidates.reason };
    if (
      candidates.some(
        (c) => c.type !== 'pdq' && c.type !== 'btmh' && isEmptyFileHash(c.type, c.hex),
      )
    ) {
      return {
        ...empty,
        status: 'empty_file',
        reason: 'the digest of an empty file matches nothing',
      };
    }
    const found: Found[] = candidates.flatMap((c): Found[] =>
      c.type === 'pdq'
        ? index
            .matchPdq(c.hex, maxDistance)
            .map((m) => ({ ...m, hashType: 'pdq', matchedHash: m.hashHex }))
        : index.matchExact(c.type, c.hex).map((m) => ({ ...m, hashType: c.type })),
    );
    const known = found.filter((f) => f.match.kind === 'known').sort(byPrecedence);
    const benign = found.filter((f) => f.match.kind === 'benign');
    const status = known.length > 0 ? 'known' : benign.length > 0 ? 'benign' : 'none';
    return {
      input,
      status,
      primary: known[0] ? view(known[0]) : null,
      matches: known.map(view),
      benign: benign.map(view),
      isAlsoBenign: known.length > 0 && benign.length > 0,
    };
  });
}

function byPrecedence(a: Found, b: Found): number {
  return (
    (a.distance ?? 0) - (b.distance ?? 0) ||
    b.activatedAt - a.activatedAt ||
    a.match.hashSetName.localeCompare(b.match.hashSetName)
  );
}

function view(found: Found): MatchView {
  const m = found.match;
  return {
    hashType: found.hashType,
    ...m,
    categoryLabel: categoryLabelOf(m.categoryScheme, m.categoryCode),
    // Benign entries accuse no one; known ones make a lead unless their category is not-lead.
    isLead: m.kind === 'known' && isLeadCategory(m.categoryScheme, m.categoryCode),
    ...(found.distance !== undefined ? { distance: found.distance } : {}),
    ...(found.matchedHash !== undefined ? { matchedHash: found.matchedHash } : {}),
  };
}
