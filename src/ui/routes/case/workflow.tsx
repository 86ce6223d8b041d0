import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import { humanise } from '../../format';
import { optionalText, text } from './fields';
import { RecordForm } from './record-form';
import type { SectionProps } from './types';

/** The moves a person makes by hand (the others come with their records: identity, warrant…). */
const HAND_MOVES = [
  { to: 'assessed', label: 'Mark assessed' },
  { to: 'legal_process_requested', label: 'Mark legal process requested' },
] as const;

type Disposition = NonNullable<
  NonNullable<
    paths['/api/cases/{id}/transitions']['post']['requestBody']
  >['content']['application/json']['disposition']
>;
/** Why a case is closed, keyed by the API schema's enum: the compiler rejects a missing or unknown one. */
const DISPOSITION_NAMES: Record<Disposition, true> = {
  charged: true,
  referred: true,
  no_offence: true,
  insufficient_evidence: true,
  diverted_to_counselling: true,
};
const DISPOSITIONS = Object.keys(DISPOSITION_NAMES) as Disposition[];

/**
 * The hand moves of the workflow. The UI does not know the workflow: it offers the moves on an open
 * case and shows the API's answer (a refused move says why).
 */
export function WorkflowMoves({ detail: c, reload }: SectionProps) {
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>();
  const [busy, setBusy] = useState(false);
  if (c.isReadOnly) {
    return <p className="callout small">This case is {humanise(c.state)}: read-only here.</p>;
  }
  async function move(to: (typeof HAND_MOVES)[number]['to'], label: string) {
    setBusy(true);
    const { data, error } = await api.POST('/api/cases/{id}/transitions', {
      params: { path: { id: c.id } },
      body: { to },
    });
    setBusy(false);
    setOutcome(
      data
        ? { ok: true, message: `${label}: the case is now ${humanise(data.state)}.` }
        : { ok: false, message: errorMessage(error, `${label} failed`) },
    );
    if (data) reload();
  }
  return (
    <>
      <div className="actions" role="group" aria-label="Move the case">
        {HAND_MOVES.map((m) => (
          <button
            key={m.to}
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void move(m.to, m.label)}
          >
            {m.label}
          </button>
        ))}
      </div>
      {outcome ? (
        <p className={outcome.ok ? 'callout' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      ) : null}
      <RecordForm
        summary="Close the case"
        submitLabel="Close case"
        send={(form) => {
          const reason = optionalText(form, 'reason');
          return api.POST('/api/cases/{id}/transitions', {
            params: { path: { id: c.id } },
            body: {
              to: 'closed',
              disposition: text(form, 'disposition') as Disposition,
              ...(reason ? { reason } : {}),
            },
          });
        }}
        done={reload}
      >
        <label>
          Disposition
          <select name="disposition" required>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {humanise(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason (optional)
          <textarea name="reason" maxLength={1000} rows={2} />
        </label>
      </RecordForm>
    </>
  );
}
