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

/** SHA-256 of a text's UTF-8 bytes as hex, or undefined where WebCrypto is not available. */
export async function sha256Hex(text: string): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The lead package of a referral as sent: the JSON file holds exactly the package whose SHA-256
 * was recorded at referral time (`sha256sum` on it gives the same digest), checked here before it
 * is saved; and the PDF rendered from it, which prints the digest.
 */
export function ReferralPackageDownload(props: {
  referralId: string;
  caseReference: string;
  onChecked?: (message: string) => void;
}) {
  const path = { params: { path: { id: props.referralId } } };
  const base = `lead-package-${safeName(props.caseReference)}-as-sent`;
  return (
    <Downloads
      what={`the lead package ${props.caseReference} as sent`}
      downloads={[
        {
          label: 'Lead package as sent (JSON)',
          run: async () => {
            const { data, error } = await api.GET('/api/referrals/{id}/package', path);
            if (!data) return { error };
            const text = JSON.stringify(data.package);
            const digest = await sha256Hex(text);
            if (digest !== undefined && digest !== data.sha256) {
              return {
                error: { error: { message: 'The package does not match its SHA-256: not saved' } },
              };
            }
            saveFile(new Blob([text], { type: 'application/json' }), `${base}.json`);
            props.onChecked?.(
              digest === undefined
                ? `Saved; check its SHA-256 (${data.sha256}) with sha256sum.`
                : `Saved; its SHA-256 matches the one recorded when it was sent.`,
            );
            return { blob: new Blob([text]) };
          },
        },
        {
          label: 'Lead package as sent (PDF)',
          run: async () => {
            const { data, error } = await api.GET('/api/referrals/{id}/package/pdf', {
              ...path,
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
