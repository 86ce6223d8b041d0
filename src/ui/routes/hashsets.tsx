import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { Badge, Loaded } from '../components/common';
import { formatDateTime, formatNumber } from '../format';

export function HashSetsPage() {
  const [value] = useApi(() => api.GET('/api/hashsets'), []);
  return (
    <section aria-labelledby="hashsets-title">
      <h1 id="hashsets-title">Hash sets</h1>
      <p className="muted">
        Reference lists of known and benign file hashes. Matching uses the active version of each.
      </p>
      <Loaded value={value}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">No hash set has been imported.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Active version</th>
                  <th scope="col">Entries</th>
                  <th scope="col">Format and source</th>
                  <th scope="col">Activated</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>
                      <Badge tone={s.kind === 'known' ? 'warn' : 'ok'}>{s.kind}</Badge>
                    </td>
                    <td className="num">{s.activeVersion ?? '—'}</td>
                    <td className="num">{formatNumber(s.entryCount)}</td>
                    <td>
                      {s.format ?? '—'}{' '}
                      <span className="muted small">{s.sourceFileName ?? ''}</span>
                    </td>
                    <td>{formatDateTime(s.activatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
