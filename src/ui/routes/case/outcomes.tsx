import { useState } from 'react';
import { api } from '../../api/client';
import { countedLines, formatDate, formatDateTime, plural, wordingsOn } from '../../format';
import { optionalText, text, todayUtc, utcInstant } from './fields';
import { RecordForm } from './record-form';
import { RecordList } from './record-list';
import type { Offence, SectionProps } from './types';

type Charge = SectionProps['detail']['charges'][number];
/** Charges of one offence, laid the same day on the same arrest, are one line with a count. */
const chargeLine = (ch: Charge) =>
  `${ch.offenceCode}|${ch.label}|${ch.laidOn}|${ch.arrestId ?? ''}`;

/** Arrests, charges and victims identified: what the unit report counts. */
export function Outcomes(props: SectionProps & { offences: Offence[] }) {
  const { detail: c, reload } = props;
  const [laidOn, setLaidOn] = useState(todayUtc);
  // The wording in force on the day being laid, as the server will record it: one per offence.
  const choices = wordingsOn(props.offences, laidOn);
  // The arrest just recorded (the latest) is the one charges are usually laid on.
  const latestArrest = c.arrests.at(-1);
  const accused = new Map(c.arrests.map((a) => [a.id, a.accusedRef]));
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
            items={countedLines(c.charges, chargeLine).map((l) => ({ ...l, id: l.item.id }))}
            empty="None laid."
            testId="charges"
            render={({ item: ch, count }) => (
              <>
                {ch.section} {ch.label}
                {count > 1 ? <strong> × {count}</strong> : null}, laid {formatDate(ch.laidOn)}
                {ch.arrestId && accused.has(ch.arrestId) ? (
                  <>
                    {' '}
                    (arrest <span className="mono">{accused.get(ch.arrestId)}</span>)
                  </>
                ) : null}
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
                {plural(v.victimsIdentified, 'victim')} identified,{' '}
                {plural(v.childrenSafeguarded, 'child', 'children')} safeguarded (victim services{' '}
                <span className="mono">{v.victimServicesRef}</span>, {formatDate(v.recordedOn)})
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
            confirm="Arrest recorded. Charges laid next default to this arrest."
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
            confirm="Charges recorded."
            send={sendCharges}
            done={() => {
              setLaidOn(todayUtc());
              reload();
            }}
          >
            <label>
              Laid on
              <input
                name="laidOn"
                type="date"
                required
                value={laidOn}
                onChange={(e) => setLaidOn(e.target.value || todayUtc())}
              />
            </label>
            {c.arrests.length > 0 ? (
              <label>
                Arrest
                <select
                  name="arrestId"
                  key={latestArrest?.id}
                  defaultValue={latestArrest?.id ?? ''}
                >
                  <option value="">None</option>
                  {c.arrests.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.accusedRef}, arrested {formatDateTime(a.arrestedAt)}
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
            confirm="Victims recorded."
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
