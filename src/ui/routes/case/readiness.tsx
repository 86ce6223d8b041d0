import { api } from '../../api/client';
import { Badge } from '../../components/common';
import { humanise } from '../../format';
import { text } from './fields';
import { RecordForm } from './record-form';
import type { SectionProps } from './types';

/** The warrant-readiness checklist as the API computes it, and the two items a person records. */
export function Readiness({ detail: c, reload }: SectionProps) {
  if (!c.readiness) {
    return (
      <section aria-labelledby="readiness-title">
        <h2 id="readiness-title">Warrant readiness</h2>
        <p className="muted" data-testid="not-shared">
          Not shared with your agency (computed from the subjects and identities, outside the
          share&apos;s field scope).
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="readiness-title">
      <h2 id="readiness-title">Warrant readiness</h2>
      <p>
        {c.readiness.isComplete ? (
          <Badge tone="ok">complete</Badge>
        ) : (
          <Badge tone="warn">incomplete</Badge>
        )}
      </p>
      <ul className="plain" data-testid="readiness">
        {c.readiness.items.map((i) => (
          <li key={i.id}>
            <strong>{i.isMet ? 'Met' : 'Not met'}</strong>: {humanise(i.id)}
            <div className="muted small">{i.detail}</div>
          </li>
        ))}
      </ul>
      {c.anonymiserExplanation ? (
        <p className="small">
          <strong>Anonymiser explanation:</strong> {c.anonymiserExplanation}
        </p>
      ) : null}
      {c.isReadOnly ? null : (
        <div className="records">
          {c.confirmation.isAllowed ? (
            <RecordForm
              summary="Confirm the attribution (second person)"
              submitLabel="Confirm attribution"
              send={(form) =>
                api.POST('/api/cases/{id}/confirmations', {
                  params: { path: { id: c.id } },
                  body: { note: text(form, 'note') },
                })
              }
              done={reload}
            >
              <label>
                What you checked
                <textarea name="note" required maxLength={1000} rows={2} />
              </label>
            </RecordForm>
          ) : (
            <p className="muted small" data-testid="confirmation-not-offered">
              {c.confirmation.reason}
            </p>
          )}
          <RecordForm
            summary="Explain an anonymiser flag"
            submitLabel="Save explanation"
            send={(form) =>
              api.PUT('/api/cases/{id}/anonymiser-explanation', {
                params: { path: { id: c.id } },
                body: { text: text(form, 'explanation') },
              })
            }
            done={reload}
          >
            <label>
              Why the Tor, VPN, proxy or hosting flag does not undo the attribution
              <textarea name="explanation" required maxLength={1000} rows={2} />
            </label>
          </RecordForm>
        </div>
      )}
    </section>
  );
}
