import { ValidationError } from '#shared/errors.js';
import type { P2pField } from './observation.js';
import { isP2pField } from './p2p-record.js';

/** A tool's column (or JSON key) name -> the v1 field it holds, or '' to ignore the column. */
export type ColumnMap = Record<string, P2pField | ''>;

/** Column name under which a quarantined row's ignored columns are kept in its stored header. */
export const IGNORED_COLUMN = '-';

/**
 * Parses `Source=target,Other=` (an empty target ignores the column); throws ValidationError for a
 * target that is not a v1 field. Names may not contain `,` or `=`.
 */
export function parseColumnMap(text: string): ColumnMap {
  const map: ColumnMap = Object.create(null) as ColumnMap;
  for (const pair of text.split(',').filter((p) => p.trim() !== '')) {
    const at = pair.lastIndexOf('=');
    const source = pair.slice(0, at);
    const target = pair.slice(at + 1).trim();
    if (at <= 0) {
      throw new ValidationError(`mapping "${pair}": expected Source=target`, [
        { path: 'map', reason: pair },
      ]);
    }
    if (target !== '' && !isP2pField(target)) {
      throw new ValidationError(`mapping "${pair}": ${target} is not a P2P log v1 field`, [
        { path: `map.${source}`, reason: 'unknown target field' },
      ]);
    }
    map[source] = target as P2pField | '';
  }
  return map;
}

/** The field a column or key stands for under a mapping: the mapped name, '' to ignore, or itself. */
export function mapName(map: ColumnMap | undefined, name: string): string {
  return map && Object.hasOwn(map, name) ? map[name]! : name;
}
