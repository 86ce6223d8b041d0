import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import { Badge, ErrorLine } from '../../components/common';
import { formatDateTime } from '../../format';
import { fieldsText } from '../case/field-scope';
import { RevealDialog } from '../case/reveal-dialog';
import type { MaskedIdentity } from '../case/types';
import { sha256Hex } from './lead-package';

type Sent =
  paths['/api/referrals/{id}/package']['get']['responses'][200]['content']['application/json'];
type Check = 'matches' | 'differs' | 'unchecked';

/**
 * A referral's package as sent, opened on request (each read is an audited disclosure): its
 * SHA-256 checked in the browser against the one recorded at referral time, what it discloses,
 * and, when its field scope names identities, the identities masked, each revealed in a justified
 * dialog.
 */
export function PackageView(props: { referralId: string; caseReference: string }) {
  const [sent, setSent] = useState<{ data: Sent; check: Check } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [revealing, setRevealing] = useState<MaskedIdentity | undefined>();
  async function open() {
    setBusy(true);
    const { data, error: err } = await api.GET('/api/referrals/{id}/package', {
      params: { path: { id: props.referralId } },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(err, 'The package could not be read'));
      return;
    }
    setError(undefined);
    const digest = await sha256Hex(JSON.stringify(data.package));
    setSent({
      data,
      check: digest === undefined ? 'unchecked' : digest === data.sha256 ? 'matches' : 'differs',
    });
  }
  if (!sent) {
    return (
      <>
        <button
          type="button"
          className="secondary small"
          disabled={busy}
          onClick={() => void open()}
        >
          Open the package as sent<span className="visually-hidden"> of {props.caseReference}</span>
        </button>
        <ErrorLine message={error} />
      </>
    );
  }
  const { data, check } = sent;
  // The package is an open record in the API; its identities are the masked identity view.
  const identities = data.package.identities as MaskedIdentity[] | undefined;
  return (
    <div className="panel" data-testid="package-as-sent">
      <p>
        {check === 'matches' ? (
          <Badge tone="ok">SHA-256 verified</Badge>
        ) : check === 'differs' ? (
          <Badge tone="warn">SHA-256 does not match</Badge>
        ) : (
          <Badge>SHA-256 not checked in this browser</Badge>
        )}{' '}
        <span className="mono small digest" data-testid="package-check-sha256">
          {data.sha256}
        </span>
      </p>
      <p className="small">
        Sent {formatDateTime(data.sentAt)}. Discloses: {fieldsText(data.fieldScope)}.
      </p>
      {identities ? (
        identities.length === 0 ? (
          <p className="muted small">No subscriber identity in the package.</p>
        ) : (
          <ul className="plain" data-testid="package-identities">
            {identities.map((i) => (
              <li key={i.id}>
                <span className="mono">
                  {i.ip}
                  {i.port === null ? '' : `:${i.port}`}
                </span>{' '}
                at {formatDateTime(i.observedAt)}: <span aria-hidden="true">{i.name}</span>
                <span className="visually-hidden">masked</span>{' '}
                <button type="button" className="secondary small" onClick={() => setRevealing(i)}>
                  Reveal identity on {i.ip}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {revealing ? (
        <RevealDialog
          identity={revealing}
          caseReference={props.caseReference}
          onClose={() => setRevealing(undefined)}
        />
      ) : null}
    </div>
  );
}
