import type { Attribution } from '#core/attribution/attributor.js';
import type { IntakeFormat } from '#platform/db/tables.js';
import type { Observation } from './observation.js';

/** A validated observation with its source line and attribution, ready to store. */
export type AttributedObservation = Observation & { line: number; attribution: Attribution };

/** A rejected row or document as kept in quarantine. */
export type QuarantineItem = {
  importId: string;
  fileSha256: string;
  fileName: string;
  format: IntakeFormat;
  line: number;
  field: string;
  reason: string;
  raw: string;
  header: string | null;
};

/** A rejection as reported to the caller (CLI `--errors`, API body). */
export type Rejection = { file: string; line: number; field: string; reason: string; raw: string };
