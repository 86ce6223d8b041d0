import { useState } from 'react';
import { api, errorMessage } from '../../api/client';

/** Hands a downloaded body to the browser as a file (an object URL, revoked straight after). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const safeName = (s: string) => s.replaceAll(/[^A-Za-z0-9._-]+/g, '-');

type Download = { label: string; run: () => Promise<{ blob?: Blob; error?: unknown }> };

function Downloads(props: { what: string; downloads: Download[] }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function go(d: Download) {
    setBusy(true);
    setError(undefined);
    const { blob, error: err } = await d.run();
    setBusy(false);
    if (!blob) setError(errorMessage(err, 'The download failed'));
  }
  return (
    <span className="actions">
      {props.downloads.map((d) => (
        <button
          key={d.label}
          type="button"
          className="secondary small"
          disabled={busy}
          onClick={() => void go(d)}
        >
          {d.label}
          <span className="visually-hidden"> of {props.what}</span>
        </button>
      ))}
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** The lead package of a referral (identities masked), as the JSON the API returns. */
export function ReferralPackageDownload(props: { referralId: string; caseReference: string }) {
  const name = `lead-package-${safeName(props.caseReference)}.json`;
  return (
    <Downloads
      what={`the lead package ${props.caseReference}`}
      downloads={[
        {
          label: 'Lead package (JSON)',
          run: async () => {
            const { data, error } = await api.GET('/api/referrals/{id}/package', {
              params: { path: { id: props.referralId } },
            });
            if (!data) return { error };
            const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
            saveFile(blob, name);
            return { blob };
          },
        },
      ]}
    />
  );
}

/** A case's own lead package, JSON or PDF, identities masked (revealing them is the case page's). */
export function CasePackageDownload(props: { caseId: string; reference: string }) {
  const path = { params: { path: { id: props.caseId } } };
  const base = `lead-package-${safeName(props.reference)}`;
  return (
    <Downloads
      what={`case ${props.reference}`}
      downloads={[
        {
          label: 'Lead package (JSON)',
          run: async () => {
            const { data, error } = await api.POST('/api/cases/{id}/package', {
              ...path,
              body: {},
            });
            if (!data) return { error };
            const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
            saveFile(blob, `${base}.json`);
            return { blob };
          },
        },
        {
          label: 'Lead package (PDF)',
          run: async () => {
            const { data, error } = await api.POST('/api/cases/{id}/package/pdf', {
              ...path,
              body: {},
              parseAs: 'blob',
            });
            if (!data) return { error };
            saveFile(data, `${base}.pdf`);
            return { blob: data };
          },
        },
      ]}
    />
  );
}
