import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Badge } from '../../components/common';
import { formatDateTime } from '../../format';
import { Link } from '../../router';
import { expiryText } from './fields';

/** Preservation and other timers of the agency's open cases running out within 14 days. */
export function ExpiringTimers() {
  const [value] = useApi(
    () => api.GET('/api/legal-authorities/expiring', { params: { query: { withinDays: 14 } } }),
    [],
  );
  if (value.state !== 'ready' || value.data.length === 0) return null;
  return (
    <section aria-labelledby="expiring-title" className="callout" data-testid="expiring">
      <h2 id="expiring-title">Orders expiring within 14 days</h2>
      <ul className="bare">
        {value.data.map((a) => (
          <li key={a.id}>
            <Link href={`/cases/${a.caseId}`}>{a.caseReference}</Link>: {a.number} ({a.typeCode}
            ), {formatDateTime(a.expiresAt)}{' '}
            <Badge tone="warn">{expiryText(a.expiresInDays)}</Badge>
          </li>
        ))}
      </ul>
    </section>
  );
}
