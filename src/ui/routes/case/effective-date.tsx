import { formatDate, formatDateTime } from '../../format';
import { utcInstant } from './fields';

/**
 * The optional effective date of a workflow move or a referral entered after the fact, collapsed
 * under "Entering a past event?". Controlled (`value`/`onChange`) for buttons outside a form, or
 * a plain `effectiveAt` field of the surrounding form. The server checks it (not in the future,
 * not before the case was opened or its latest move) and names it when it refuses.
 */
export function EffectiveDateField(props: {
  id: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const controlled =
    props.onChange === undefined
      ? {}
      : {
          value: props.value ?? '',
          onChange: (e: { target: { value: string } }) => props.onChange?.(e.target.value),
        };
  return (
    <details className="effective-date" data-testid={`${props.id}-effective`}>
      <summary>Entering a past event?</summary>
      <label>
        Effective date (UTC)
        <input type="datetime-local" name="effectiveAt" {...controlled} />
      </label>
      <p className="muted small">
        When it happened. Leave empty for now; the time it is recorded is always now.
      </p>
    </details>
  );
}

/** The effective date to send: none when empty, else the UTC instant (or the raw text to refuse). */
export function effectiveAtOf(value: FormDataEntryValue | string | null | undefined): {
  effectiveAt?: string;
} {
  if (typeof value !== 'string' || value.trim() === '') return {};
  return { effectiveAt: utcInstant(value) ?? value.trim() };
}

/** "3 Mar 2015, 14:00 UTC", or "effective 3 Mar 2015, recorded 7 Dec 2026" when they differ. */
export function effectiveText(effectiveAt: string, recordedAt: string): string {
  // Compared to the minute: the forms enter times to the minute.
  if (effectiveAt.slice(0, 16) === recordedAt.slice(0, 16)) return formatDateTime(recordedAt);
  return `effective ${formatDate(effectiveAt)}, recorded ${formatDate(recordedAt)}`;
}
