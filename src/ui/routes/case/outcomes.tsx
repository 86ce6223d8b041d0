import { api } from '../../api/client';
import { formatDate, formatDateTime } from '../../format';
import { optionalText, text, todayUtc, utcInstant } from './fields';
import { RecordForm } from './record-form';
import { RecordList } from './record-list';
import type { Offence, SectionProps } from './types';

/** One entry per offence code: its section and its most recent wording (the server picks the
 *  wording in force on the day a charge is laid). */
function offenceChoices(offences: Offence[]): Offence[] {
  const latest = new Map<string, Offence>();
  for (const o of offences) {
    const seen = latest.get(o.code);
    if (!seen || o.inForceFrom > seen.inForceFrom) latest.set(o.code, o);
  }
  return [...latest.values()];
}

/** Arrests, charges and victims identified: what the unit report counts. */
export function Outcomes(props: SectionProps & { offences: Offence[] }) {
  const { detail: c, reload } = props;
  const choices = offenceChoices(props.offences);
  const sendCharges = (form: FormData) => {
    const laid: string[] = [];
    for (const o of choices) {
      const n = Number(optionalText(form, `count-${o.code}`) ?? 0);
      for (let k = 0; k < n; k++) laid.push(o.code);
    }
    if (laid.length === 0) return 'Charges: give a count for at least one offence.';
    const arrestId = optionalText(form, 'arrestId');
    return api.POST('/api/cases/{id}/charges', {
      params: { path: { id: c.id } },
      body: { laidOn: text(form, 'laidOn'), offences: laid, ...(arrestId ? { arrestId } : {}) },
    });
  };
  return (
    <section aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">Arrests, charges and victims</h2>
      <div className="grid-3">
        <div>
          <h3>Arrests</h3>
          <RecordList
            items={c.arrests}
            empty="None."
            testId="arrests"
            render={(a) => (
              <>
                <span className="mono">{a.accusedRef}</span>, {formatDateTime(a.arrestedAt)}
              </>
            )}
          />
        </div>
        <div>
          <h3>Charges</h3>
          <RecordList
            items={c.charges}
            empty="None laid."
            testId="charges"
            render={(ch) => (
              <>
                {ch.section} {ch.label}, laid {formatDate(ch.laidOn)}
              </>
            )}
          />
        </div>
        <div>
          <h3>Victims identified</h3>
          <RecordList
            items={c.victims}
            empty="None recorded."
            testId="victims"
            render={(v) => (
              <>
                {v.victimsIdentified} identified, {v.childrenSafeguarded} safeguarded (victim
                services <span className="mono">{v.victimServicesRef}</span>,{' '}
                {formatDate(v.recordedOn)})
              </>
            )}
          />
        </div>
      </div>
      {c.isReadOnly ? null : (
        <div className="records">
          <RecordForm
            summary="Record an arrest"
            submitLabel="Record arrest"
            send={(form) => {
              const arrestedAt = utcInstant(text(form, 'arrestedAt'));
              if (!arrestedAt) return 'Arrested: a date and time (UTC) is required.';
              return api.POST('/api/cases/{id}/arrests', {
                params: { path: { id: c.id } },
                body: { accusedRef: text(form, 'accusedRef'), arrestedAt },
              });
            }}
            done={reload}
          >
            <label>
              Accused (records-management reference only)
              <input name="accusedRef" required maxLength={100} autoComplete="off" />
            </label>
            <label>
              Arrested (UTC)
              <input name="arrestedAt" type="datetime-local" required />
            </label>
          </RecordForm>
          <RecordForm
            summary="Record charges laid"
            submitLabel="Record charges"
            send={sendCharges}
            done={reload}
          >
            <label>
              Laid on
              <input name="laidOn" type="date" required defaultValue={todayUtc()} />
            </label>
            {c.arrests.length > 0 ? (
              <label>
                Arrest
                <select name="arrestId" defaultValue="">
                  <option value="">None</option>
                  {c.arrests.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.accusedRef}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <fieldset>
              <legend>Counts per offence (the wording in force on the day is recorded)</legend>
              <div className="offences">
                {choices.map((o) => (
                  <label key={o.code} className="check">
                    <input
                      name={`count-${o.code}`}
                      type="number"
                      min={0}
                      max={200}
                      defaultValue={0}
                      className="count"
                    />
                    {o.section} {o.label}
                  </label>
                ))}
              </div>
            </fieldset>
          </RecordForm>
          <RecordForm
            summary="Record victims identified"
            submitLabel="Record victims"
            send={(form) =>
              api.POST('/api/cases/{id}/victims', {
                params: { path: { id: c.id } },
                body: {
                  victimsIdentified: Number(text(form, 'victimsIdentified')),
                  childrenSafeguarded: Number(text(form, 'childrenSafeguarded')),
                  victimServicesRef: text(form, 'victimServicesRef'),
                  recordedOn: text(form, 'recordedOn'),
                },
              })
            }
            done={reload}
          >
            <p className="muted small">
              Counts and the victim-services reference only: no victim is identified in Vigil.
            </p>
            <div className="row">
              <label>
                Victims identified
                <input name="victimsIdentified" type="number" min={0} max={1000} required />
              </label>
              <label>
                Children safeguarded
                <input name="childrenSafeguarded" type="number" min={0} max={1000} required />
              </label>
            </div>
            <label>
              Victim-services reference
              <input name="victimServicesRef" required maxLength={100} autoComplete="off" />
            </label>
            <label>
              Recorded on
              <input name="recordedOn" type="date" required defaultValue={todayUtc()} />
            </label>
          </RecordForm>
        </div>
      )}
    </section>
  );
}
