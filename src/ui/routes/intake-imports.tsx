import { useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { Loaded, Pager } from '../components/common';
import { formatNumber } from '../format';

const PAGE = 20;

/** The organisation's past imports, newest first (GET /api/intake/imports: its own only). */
export function PastImports(props: { refresh: string }) {
  const [offset, setOffset] = useState(0);
  const [value] = useApi(
    () => api.GET('/api/intake/imports', { params: { query: { limit: PAGE + 1, offset } } }),
    [offset, props.refresh],
  );
  return (
    <section aria-labelledby="imports-title">
      <h2 id="imports-title">Past imports</h2>
      <Loaded value={value}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No imports yet.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="compact" data-testid="past-imports">
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Status</th>
                      <th scope="col">Accepted</th>
                      <th scope="col">Quarantined</th>
                      <th scope="col">Duplicates</th>
                      <th scope="col">By</th>
                      <th scope="col">When (UTC)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.slice(0, PAGE).map((r) => (
                      <tr key={r.id}>
                        <td>{r.fileName}</td>
                        <td>{r.status}</td>
                        <td className="num">{formatNumber(r.accepted)}</td>
                        <td className="num">{formatNumber(r.quarantined)}</td>
                        <td className="num">{formatNumber(r.duplicates)}</td>
                        <td>{r.uploadedBy ?? 'host operator (CLI)'}</td>
                        <td className="mono small">{r.startedAt.slice(0, 16).replace('T', ' ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Import pages"
                offset={offset}
                limit={PAGE}
                total={offset + rows.length}
                onChange={setOffset}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
