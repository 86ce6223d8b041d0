import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { CategoryChart } from '../components/charts';
import { Loaded } from '../components/common';
import { fieldText, formatNumber, humanise } from '../format';
import { lastDays } from '../components/period';

const load = (from: string, to: string) =>
  api.GET('/api/reports/unit', { params: { query: { from, to } } });
type Report = NonNullable<Awaited<ReturnType<typeof load>>['data']>;

/** The unit report over a chosen period: every figure of GET /api/reports/unit, as the API gives it. */
export function StatisticsPage() {
  const [period, setPeriod] = useState(() => lastDays(Date.now()));
  const [value] = useApi(() => load(period.from, period.to), [period.from, period.to]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPeriod({ from: fieldText(form, 'from'), to: fieldText(form, 'to') });
  };
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">Unit statistics</h1>
      <form className="filters" onSubmit={submit} aria-label="Reporting period">
        <label>
          From
          <input type="date" name="from" required defaultValue={period.from} />
        </label>
        <label>
          To
          <input type="date" name="to" required defaultValue={period.to} />
        </label>
        <button type="submit">Show</button>
      </form>
      <Loaded value={value}>{(r) => <ReportBody report={r} />}</Loaded>
    </section>
  );
}

function ReportBody({ report: r }: { report: Report }) {
  const figures: Array<[string, string]> = [
    ['Leads received', formatNumber(r.leadsReceived)],
    ['Subjects prioritised', formatNumber(r.subjectsPrioritised)],
    ['Legal process requests', formatNumber(r.legalProcessRequests)],
    ['Warrants executed', formatNumber(r.warrantsExecuted)],
    ['Arrests', formatNumber(r.arrests)],
    ['Charges', formatNumber(r.charges.total)],
    ['Cases referred out', formatNumber(r.casesReferredOut)],
    ['Cases referred in', formatNumber(r.casesReferredIn)],
    ['Victims identified', formatNumber(r.victimsIdentified)],
    ['Children safeguarded', formatNumber(r.childrenSafeguarded)],
    ['Referrals to counselling', formatNumber(r.referralsToCounselling)],
    ['Open investigations', formatNumber(r.investigationsOpen)],
    [
      'Median days, lead to warrant',
      r.medianDaysLeadToWarrant === null
        ? 'no warrant executed'
        : String(r.medianDaysLeadToWarrant),
    ],
  ];
  const closed = Object.entries(r.closedByDisposition);
  return (
    <div aria-live="polite" data-testid="unit-report">
      <p className="muted">
        {r.agency.name} ({r.agency.code}), {r.from} to {r.to} (UTC days, both included).
      </p>
      <dl className="facts">
        {figures.map(([label, text]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <h2>Charges by offence</h2>
      {r.charges.byOffence.length === 0 ? (
        <p className="muted">No charges in this period.</p>
      ) : (
        <CategoryChart
          title="Charges by offence"
          description={`${formatNumber(r.charges.total)} charges in the period, by offence.`}
          columns={{ label: 'Offence', count: 'Charges' }}
          categories={r.charges.byOffence.map((o) => ({
            label: `${o.section} ${o.label}`,
            detail: o.code,
            count: o.count,
          }))}
        />
      )}
      <h2>Cases closed, by disposition</h2>
      {closed.length === 0 ? (
        <p className="muted">No case closed in this period.</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Disposition</th>
              <th scope="col">Cases</th>
            </tr>
          </thead>
          <tbody>
            {closed.map(([k, n]) => (
              <tr key={k}>
                <td>{humanise(k)}</td>
                <td className="num">{formatNumber(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
