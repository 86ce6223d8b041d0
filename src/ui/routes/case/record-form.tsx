import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';

/** What an API call answers (openapi-fetch's result). */
export type Sent = { data?: unknown; error?: unknown; response: Response };

/** The error body's code (`warrant_not_ready`, `outside_legal_authority`…), if any. */
export function errorCode(error: unknown): string | undefined {
  const inner = (error as { error?: { code?: unknown } } | undefined)?.error;
  return typeof inner?.code === 'string' ? inner.code : undefined;
}

/**
 * A form that records something on the case: sends it, shows the API's answer (a refusal's message
 * in an alert, as the server worded it, the form staying open); on success it clears itself, folds
 * away, says what was recorded (`confirm`) beside its title and reloads the case. `send` returns a
 * string for a field the browser could not read (such as a time), before any request.
 */
export function RecordForm(props: {
  summary: string;
  submitLabel: string;
  send: (form: FormData) => Promise<Sent> | string;
  done: () => void;
  /** Called with a refusal (the warrant form offers the override when the checklist is unmet). */
  onRefused?: (error: unknown) => void;
  children: ReactNode;
  open?: boolean;
  testId?: string;
  /** What the confirmation says once recorded ("Arrest recorded."). */
  confirm?: string;
}) {
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [isOpen, setOpen] = useState(props.open ?? false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const sent = props.send(new FormData(formElement));
    if (typeof sent === 'string') {
      setOutcome({ ok: false, message: sent });
      return;
    }
    setBusy(true);
    const r = await sent.finally(() => setBusy(false));
    if (r.response.ok) {
      setOutcome({
        ok: true,
        message: props.confirm ?? `Recorded: ${props.summary.toLowerCase()}.`,
      });
      formElement.reset();
      setOpen(false);
      props.done();
    } else {
      setOutcome({ ok: false, message: errorMessage(r.error, `${props.summary} failed`) });
      props.onRefused?.(r.error);
    }
  };
  return (
    <div className="record-block">
      <details
        className="record"
        open={isOpen}
        onToggle={(e) => {
          const opened = e.currentTarget.open;
          setOpen(opened);
          if (opened && outcome?.ok) setOutcome(undefined);
        }}
        data-testid={props.testId}
      >
        <summary>{props.summary}</summary>
        <form className="form" onSubmit={(e) => void submit(e)} aria-label={props.summary}>
          {props.children}
          <p>
            <button type="submit" disabled={busy}>
              {props.submitLabel}
            </button>
          </p>
          {outcome && !outcome.ok ? (
            <p className="error" role="alert">
              {outcome.message}
            </p>
          ) : null}
        </form>
      </details>
      {outcome?.ok ? (
        <p className="callout confirmation" role="status" data-testid="record-confirmation">
          {outcome.message}
        </p>
      ) : null}
    </div>
  );
}
