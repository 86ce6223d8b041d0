import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import { label } from '../../format';
import { EffectiveDateField, effectiveAtOf } from './effective-date';
import { optionalText, text } from './fields';
import { RecordForm } from './record-form';
import type { SectionProps } from './types';

/** The buttons of the forward moves a person makes by hand (the others come with their records). */
const HAND_MOVES = [
  { to: 'assessed', label: 'Mark assessed' },
  { to: 'legal_process_requested', label: 'Mark legal process requested' },
] as const;
type HandMove = (typeof HAND_MOVES)[number]['to'];

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

/** What moves a case on from a state whose next step is a record, not a button. */
const NEXT_STEP: Record<string, string> = {
  legal_process_requested: 'Next: attach the subscriber identity the order disclosed (below).',
  subscriber_identified: 'Next: record a warrant sought (below).',
  warrant_sought: 'Next: record the warrant issued and executed (below).',
  warrant_executed: 'Next: record charges laid (below), or close the case.',
  charged: 'Charged: close the case with its disposition when done.',
};

/**
 * The hand moves of the workflow. The UI does not know the workflow: it offers only the moves the
 * API lists for the case's state (`handMoves`) and still shows the API's answer (a refused move
 * says why).
 */
export function WorkflowMoves({ detail: c, reload }: SectionProps) {
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [effective, setEffective] = useState('');
  if (c.isReadOnly) {
    return (
      <p className="callout small">This case is {label(c.state).toLowerCase()}: read-only here.</p>
    );
  }
  const moves = HAND_MOVES.filter((m) => c.handMoves.includes(m.to));
  const canClose = c.handMoves.includes('closed');
  async function move(to: HandMove, name: string) {
    setBusy(true);
    const { data, error } = await api.POST('/api/cases/{id}/transitions', {
      params: { path: { id: c.id } },
      body: { to, ...effectiveAtOf(effective) },
    });
    setBusy(false);
    setOutcome(
      data
        ? { ok: true, message: `${name}: the case is now ${label(data.state).toLowerCase()}.` }
        : { ok: false, message: errorMessage(error, `${name} failed`) },
    );
    if (data) {
      setEffective('');
      reload();
    }
  }
  return (
    <>
      {moves.length > 0 ? (
        <div className="actions" role="group" aria-label="Move the case">
          {moves.map((m) => (
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
      ) : (
        <p className="muted small" data-testid="next-step">
          {NEXT_STEP[c.state] ?? 'No move by hand from here.'}
        </p>
      )}
      {moves.length > 0 ? (
        <EffectiveDateField id="move" value={effective} onChange={setEffective} />
      ) : null}
      {outcome ? (
        <p className={outcome.ok ? 'callout' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      ) : null}
      {canClose ? (
        <RecordForm
          summary="Close the case"
          submitLabel="Close case"
          confirm="The case is closed."
          send={(form) => {
            const reason = optionalText(form, 'reason');
            return api.POST('/api/cases/{id}/transitions', {
              params: { path: { id: c.id } },
              body: {
                to: 'closed',
                disposition: text(form, 'disposition') as Disposition,
                ...(reason ? { reason } : {}),
                ...effectiveAtOf(form.get('effectiveAt')),
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
                  {label(d)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason (optional)
            <textarea name="reason" maxLength={1000} rows={2} />
          </label>
          <EffectiveDateField id="close" />
        </RecordForm>
      ) : null}
    </>
  );
}
