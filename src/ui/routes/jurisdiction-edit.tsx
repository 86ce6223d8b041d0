import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import { fieldText } from '../format';
import { ErrorLine } from '../components/common';

export type RuleKey = { countryCode: string; region: string; municipality: string };

/**
 * Creates or replaces the rule for a place (PUT /api/jurisdiction/rules), for system
 * administrators; an empty municipality covers the rest of the region.
 */
export function RuleForm(props: { onSaved: (message: string) => void }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const note = fieldText(form, 'note').trim();
    setBusy(true);
    const { data, error: err } = await api.PUT('/api/jurisdiction/rules', {
      body: {
        countryCode: fieldText(form, 'countryCode').trim().toUpperCase(),
        region: fieldText(form, 'region').trim(),
        municipality: fieldText(form, 'municipality').trim(),
        agencyCode: fieldText(form, 'agencyCode').trim(),
        note: note === '' ? null : note,
      },
    });
    setBusy(false);
    if (data) {
      setError(undefined);
      props.onSaved(
        `${data.municipality || `(rest of ${data.region || data.countryCode})`} → ${data.agencyCode}: saved.`,
      );
    } else setError(errorMessage(err, 'Saving the rule failed'));
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="rule-title">
      <h2 id="rule-title">Set a rule</h2>
      <div className="filters">
        <label>
          Country
          <input name="countryCode" required pattern="[A-Za-z]{2}" size={3} defaultValue="CA" />
        </label>
        <label>
          Region
          <input name="region" maxLength={200} defaultValue="Ontario" />
        </label>
        <label>
          Municipality
          <input name="municipality" maxLength={200} placeholder="empty: rest of the region" />
        </label>
        <label>
          Agency code
          <input name="agencyCode" required maxLength={64} pattern="[A-Za-z0-9._\-]+" />
        </label>
        <label>
          Note
          <input name="note" maxLength={500} />
        </label>
        <button type="submit" disabled={busy}>
          Save rule
        </button>
      </div>
      <ErrorLine message={error} />
    </form>
  );
}

/** Removes the rule for one place (POST /api/jurisdiction/rules/remove). */
export async function removeRule(rule: RuleKey): Promise<string | undefined> {
  const { response, error } = await api.POST('/api/jurisdiction/rules/remove', { body: rule });
  return response.ok ? undefined : errorMessage(error, 'Removing the rule failed');
}
