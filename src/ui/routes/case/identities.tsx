import { useState } from 'react';
import { api } from '../../api/client';
import { Badge } from '../../components/common';
import { formatDateTime } from '../../format';
import { localSeconds, optionalText, text, utcInstant } from './fields';
import { PurposeField } from './purpose-field';
import { RecordForm } from './record-form';
import { RevealDialog } from './reveal-dialog';
import type { MaskedIdentity, SectionProps } from './types';

/** Subscriber identities: masked in the list, revealed one at a time in a justified dialog. */
export function Identities(props: SectionProps) {
  const { detail: c } = props;
  const [revealing, setRevealing] = useState<MaskedIdentity | undefined>();
  const authority = (id: string) => c.legalAuthorities.find((a) => a.id === id)?.number ?? '—';
  return (
    <section aria-labelledby="identities-title">
      <h2 id="identities-title">Subscriber identities</h2>
      {c.identities.length === 0 ? (
        <p className="muted">None attached.</p>
      ) : (
        <div className="table-wrap">
          <table className="compact" data-testid="identities">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Address and port</th>
                <th scope="col">Observed (UTC)</th>
                <th scope="col">ISP time and zone</th>
                <th scope="col">Under order</th>
                <th scope="col">Subscriber</th>
                <th scope="col">
                  <span className="visually-hidden">Reveal</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {c.identities.map((i) => (
                <tr key={i.id} data-testid="identity-row">
                  <td className="mono">{i.subjectKey}</td>
                  <td className="mono">
                    {i.ip}
                    {i.port === null ? '' : `:${i.port}`}
                    {i.isSharedAddress ? (
                      <div>
                        <Badge tone="warn">shared address</Badge>
                      </div>
                    ) : null}
                  </td>
                  <td className="nowrap">{formatDateTime(i.observedAt)}</td>
                  <td>{i.ispLocalTime ? `${i.ispLocalTime} ${i.ispTimeZone ?? ''}` : '—'}</td>
                  <td className="mono">{authority(i.authorityId)}</td>
                  <td>
                    <span className="visually-hidden">masked</span>
                    <span aria-hidden="true">{i.name}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => setRevealing(i)}
                    >
                      Reveal identity on {i.ip}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revealing ? (
        <RevealDialog
          identity={revealing}
          caseReference={c.reference}
          onClose={() => setRevealing(undefined)}
        />
      ) : null}
      {c.isReadOnly ? null : <AttachIdentity {...props} />}
    </section>
  );
}

function AttachIdentity({ detail: c, reload }: SectionProps) {
  // Every order is offered (a superseded one is marked): the server decides which one covers.
  const superseded = new Set(c.legalAuthorities.map((a) => a.supersedesId));
  if (c.legalAuthorities.length === 0) {
    return (
      <p className="muted small">
        An identity is attached under one of this case’s legal authorities: record the order first.
      </p>
    );
  }
  const send = (form: FormData) => {
    const observedAt = utcInstant(text(form, 'observedAt'));
    if (!observedAt) return 'Observed: a date and time (UTC) is required.';
    const port = optionalText(form, 'port');
    const localText = optionalText(form, 'ispLocalTime');
    const localTime = localText === undefined ? undefined : localSeconds(localText);
    if (localText !== undefined && localTime === undefined) {
      return 'ISP’s local time: a date and time is required.';
    }
    const optional = (name: string) => {
      const v = optionalText(form, name);
      return v === undefined ? {} : { [name]: v };
    };
    return api.POST('/api/cases/{id}/identities', {
      params: { path: { id: c.id } },
      body: {
        subjectKey: text(form, 'subjectKey'),
        authorityId: text(form, 'authorityId'),
        ip: text(form, 'ip'),
        ...(port === undefined ? {} : { port: Number(port) }),
        observedAt,
        isSharedAddress: form.get('isSharedAddress') === 'on',
        ...optional('ispTimeZone'),
        ...(localTime === undefined ? {} : { ispLocalTime: localTime }),
        name: text(form, 'name'),
        ...optional('installationAddress'),
        ...optional('billingAddress'),
        ...optional('contact'),
        justification: {
          caseReference: c.reference,
          purpose: text(form, 'purpose') as 'investigation',
          text: text(form, 'reason'),
        },
      },
    });
  };
  return (
    <RecordForm
      summary="Attach a subscriber identity"
      submitLabel="Attach identity"
      send={send}
      done={reload}
    >
      <p className="muted small">
        As the ISP disclosed it under one of this case’s orders. The server stores it only when that
        order discloses identities and its scope covers the address and the time.
      </p>
      <div className="row">
        <label>
          Subject
          <select name="subjectKey" required>
            {c.subjectKeys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Under order
          <select name="authorityId" required>
            {c.legalAuthorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.number} ({a.court}){superseded.has(a.id) ? ', superseded' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <label>
          IP address
          <input name="ip" required maxLength={50} className="mono" />
        </label>
        <label>
          Port
          <input name="port" type="number" min={0} max={65535} />
        </label>
        <label>
          Observed (UTC)
          <input name="observedAt" type="datetime-local" step={1} required />
        </label>
      </div>
      <label className="check">
        <input name="isSharedAddress" type="checkbox" /> The ISP says the address is shared (CGNAT)
      </label>
      <div className="row">
        <label>
          ISP’s local time
          <input name="ispLocalTime" type="datetime-local" step={1} />
        </label>
        <label>
          ISP’s time zone (IANA)
          <input name="ispTimeZone" placeholder="America/Toronto" maxLength={60} />
        </label>
      </div>
      <label>
        Subscriber name
        <input name="name" required maxLength={200} autoComplete="off" />
      </label>
      <label>
        Installation (service) address
        <input name="installationAddress" maxLength={500} autoComplete="off" />
      </label>
      <label>
        Billing address
        <input name="billingAddress" maxLength={500} autoComplete="off" />
      </label>
      <label>
        Contact
        <input name="contact" maxLength={200} autoComplete="off" />
      </label>
      <fieldset>
        <legend>Justification (case {c.reference})</legend>
        <PurposeField />
        <label>
          Reason (at least 10 characters)
          <textarea name="reason" required minLength={10} maxLength={1000} rows={2} />
        </label>
      </fieldset>
    </RecordForm>
  );
}
