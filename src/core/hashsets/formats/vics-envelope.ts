import { ValidationError } from '#shared/errors.js';
import type { CategoryScheme } from '../categories.js';
import type { JsonValue } from './json-stream.js';

export type VicsEnvelope = {
  version: '1.x' | '2.0';
  profile: string;
  target: 'Media' | 'Cases';
  scheme: CategoryScheme;
};

const V2 = /\/DataModels\/2\.0\.xml\/([A-Za-z]+)\/\$metadata#(Media|Cases)$/i;
const V1 = /\/ProjectVic\/DataModels\/1\.\d+\.xml#(Media|Cases)$/i;

/** The category scheme each VICS profile uses by default (overridable per import). */
const SCHEME_BY_PROFILE: Record<string, CategoryScheme> = {
  US: 'vics_us',
  DEFAULT: 'vics_us',
  UK: 'caid',
  CUSTOM: 'custom',
};

/** Reads the OData context annotation: `@odata.context` (2.0) or `odata.metadata` (1.x). */
export function readEnvelope(key: string, value: JsonValue): VicsEnvelope {
  if (typeof value !== 'string') throw envelopeError(`"${key}" must be a string`);
  if (key === '@odata.context') {
    const m = V2.exec(value);
    if (!m) {
      throw envelopeError(
        `"${value}" is not a VICS 2.0 context (…/DataModels/2.0.xml/<PROFILE>/$metadata#Media|#Cases)`,
      );
    }
    const profile = m[1]!.toUpperCase();
    const scheme = SCHEME_BY_PROFILE[profile];
    if (!scheme) throw envelopeError(`unknown VICS profile "${m[1]}" (US, UK, CUSTOM or Default)`);
    return {
      version: '2.0',
      profile,
      target: m[2]!.toLowerCase() === 'cases' ? 'Cases' : 'Media',
      scheme,
    };
  }
  const m = V1.exec(value);
  if (!m) {
    throw envelopeError(
      `"${value}" is not a VICS 1.x metadata URL (…/ProjectVic/DataModels/1.x.xml#Media|#Cases)`,
    );
  }
  return {
    version: '1.x',
    profile: 'US',
    target: m[1]!.toLowerCase() === 'cases' ? 'Cases' : 'Media',
    scheme: 'vics_us',
  };
}

/** A file-level error about the VICS envelope. */
export function envelopeError(reason: string, path = '$'): ValidationError {
  return new ValidationError(`not a VICS document: ${reason}`, [{ path, reason }]);
}
