import type { ReactNode } from 'react';
import type { paths } from '../../api/schema.gen';

type ReferBody = NonNullable<
  paths['/api/cases/{id}/referrals']['post']['requestBody']
>['content']['application/json'];

/** A word of a case's field scope (the API's vocabulary: docs/INVESTIGATIONS.md, "Field scope"). */
export type CaseField = NonNullable<ReferBody['fieldScope']>[number];

/** What each field shows, in the API's order (a Record, so a new field fails to compile here). */
export const FIELD_LABELS: Record<CaseField, string> = {
  summary: 'summary (reference, title, state, dates)',
  subjects: 'subjects, their scores and attribution',
  workflow: 'workflow history',
  authorities: 'legal authorities and third-party IP records',
  identities: 'subscriber identities',
  evidence: 'evidence references',
  warrants: 'warrants',
  outcomes: 'arrests, charges and victims',
  tasks: 'tasks',
  notes: 'notes',
};
export const CASE_FIELDS = Object.keys(FIELD_LABELS) as CaseField[];
/** Named explicitly or not at all (the API's default leaves them out). */
export const EXPLICIT_FIELDS: readonly CaseField[] = ['identities', 'notes'];

/** The fields a reader sees, as one phrase. */
export const fieldsText = (fields: readonly string[]) =>
  CASE_FIELDS.filter((f) => fields.includes(f)).join(', ');

/** A case section the reader's field scope does not include: its heading and why it is empty. */
export function InScope(props: {
  fields: readonly string[];
  field: CaseField;
  title: string;
  children: ReactNode;
}) {
  if (props.fields.includes(props.field)) return <>{props.children}</>;
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      <p className="muted" data-testid="not-shared">
        Not shared with your agency (outside the share&apos;s field scope).
      </p>
    </section>
  );
}
