import type { CyberTipRow } from './cybertip.schema.js';
import { IndustryClassificationSchema } from './cybertip.schema.js';

/** The stored content of a `<fileDetails>` document, as far as scoring reads it. */
export type ContentFile = {
  fileId?: string;
  industryClassification?: string | null;
  fileAnnotations?: unknown;
  deviceIds?: Array<{ idType: string; idValue: string }>;
};

type ContentReport = { reportAnnotations?: unknown; escalateToHighPriority?: string | null };

/** The ESP's escalation (`escalateToHighPriority`) is read as a report annotation of this name. */
export const ESCALATION_ANNOTATION = 'escalateToHighPriority';

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * A stored CyberTip document's annotations, for scoring: a report's `reportAnnotations` (plus
 * `escalateToHighPriority` when the ESP escalated it), a file's `fileAnnotations` and NCMEC industry
 * classification. Documents stored before annotations were kept simply have none.
 */
export function tipAnnotationsOf(
  kind: string,
  content: unknown,
): Pick<CyberTipRow, 'reportAnnotations' | 'files'> {
  if (kind === 'file_details') {
    const file = (content ?? {}) as ContentFile;
    const classification = IndustryClassificationSchema.safeParse(file.industryClassification);
    return {
      reportAnnotations: [],
      files: [
        {
          fileId: file.fileId ?? '1',
          fileAnnotations: names(file.fileAnnotations),
          industryClassification: classification.success ? classification.data : null,
        },
      ],
    };
  }
  const report = (content ?? {}) as ContentReport;
  const escalated =
    typeof report.escalateToHighPriority === 'string' && report.escalateToHighPriority !== '';
  return {
    reportAnnotations: [
      ...names(report.reportAnnotations),
      ...(escalated ? [ESCALATION_ANNOTATION] : []),
    ],
    files: [],
  };
}
