import { useState, type FormEvent, type ReactNode } from 'react';
import { api, errorMessage, observeResponse } from '../api/client';
import type { paths } from '../api/schema.gen';
import { useApi } from '../api/use-api';
import { Loaded, Pager } from '../components/common';
import { fieldText, formatNumber } from '../format';
import { PastImports } from './intake-imports';

type ImportOp = paths['/api/intake/imports']['post'];
type Format = ImportOp['parameters']['query']['format'];
type Summary = ImportOp['responses'][201]['content']['application/json'];
const FORMATS: Array<{ value: Format; label: string }> = [
  { value: 'p2p-csv', label: 'P2P log, CSV' },
  { value: 'p2p-jsonl', label: 'P2P log, JSON lines' },
  { value: 'cybertip', label: 'CyberTipline report (XML)' },
];

type Upload =
  | { state: 'idle' }
  | { state: 'sending'; sent: number; total: number }
  | { state: 'processing' }
  | { state: 'done'; summary: Summary }
  | { state: 'failed'; message: string };

/**
 * Streams a file to POST /api/intake/imports. XMLHttpRequest, not fetch, because only it reports
 * upload progress; the body is raw bytes (application/octet-stream) with the CSRF header.
 */
function upload(file: File, query: URLSearchParams, onProgress: (u: Upload) => void) {
  return new Promise<Upload>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/intake/imports?${query.toString()}`);
    xhr.setRequestHeader('X-Vigil-Request', '1');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Idempotency-Key', crypto.randomUUID());
    xhr.upload.addEventListener('progress', (e) =>
      onProgress(
        e.loaded >= e.total
          ? { state: 'processing' }
          : { state: 'sending', sent: e.loaded, total: e.total },
      ),
    );
    xhr.addEventListener('load', () => {
      const headers = new Headers({ 'content-type': 'application/json' });
      const demo = xhr.getResponseHeader('x-vigil-demo');
      if (demo) headers.set('x-vigil-demo', demo);
      void observeResponse(new Response(xhr.responseText || null, { status: xhr.status, headers }));
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve(
        xhr.status === 201 || xhr.status === 200
          ? { state: 'done', summary: body as Summary }
          : { state: 'failed', message: errorMessage(body, `Upload failed (${xhr.status})`) },
      );
    });
    xhr.addEventListener('error', () =>
      resolve({ state: 'failed', message: 'The connection failed' }),
    );
    xhr.send(file);
  });
}

export function IntakePage() {
  const [status, setStatus] = useState<Upload>({ state: 'idle' });
  const [format, setFormat] = useState<Format>('p2p-csv');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setStatus({ state: 'failed', message: 'Choose a non-empty file' });
      return;
    }
    const query = new URLSearchParams({
      format,
      name: file.name,
      strict: fieldText(form, 'strict') ? 'true' : 'false',
    });
    setStatus({ state: 'sending', sent: 0, total: file.size });
    setStatus(await upload(file, query, setStatus));
  }

  return (
    <section aria-labelledby="intake-title">
      <h1 id="intake-title">Intake</h1>
      <p className="muted">
        Import a P2P log or a CyberTipline report. Valid rows are stored; rejected rows are kept
        aside with their line and reason.
      </p>
      <form className="form wide" onSubmit={(e) => void submit(e)}>
        <label>
          File
          <input name="file" type="file" required />
        </label>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input name="strict" type="checkbox" /> Strict: refuse the whole file if any row is
          invalid
        </label>
        <button
          type="submit"
          disabled={status.state === 'sending' || status.state === 'processing'}
        >
          Import
        </button>
      </form>
      <UploadStatus status={status} />
      <PastImports refresh={status.state === 'done' ? status.summary.importId : 'all'} />
      <Rejected
        importId={status.state === 'done' ? status.summary.importId : undefined}
        key={status.state === 'done' ? status.summary.importId : 'all'}
      />
    </section>
  );
}

function UploadStatus({ status }: { status: Upload }): ReactNode {
  switch (status.state) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <div role="status" className="progress">
          <label>
            Uploading {formatNumber(Math.round(status.sent / 1024))} of{' '}
            {formatNumber(Math.round(status.total / 1024))} KiB
            <progress max={status.total} value={status.sent} />
          </label>
        </div>
      );
    case 'processing':
      return (
        <div role="status" className="progress">
          <label>
            Uploaded; matching and storing rows…
            <progress />
          </label>
        </div>
      );
    case 'failed':
      return (
        <p className="error" role="alert">
          {status.message}
        </p>
      );
    case 'done': {
      const s = status.summary;
      return (
        <div role="status" className="callout" data-testid="import-summary">
          <strong>{s.file}</strong> {s.resumed ? '(already imported: stored result)' : 'imported'}:{' '}
          {formatNumber(s.accepted)} accepted, {formatNumber(s.duplicates)} duplicates,{' '}
          {formatNumber(s.rejected)} rejected, {formatNumber(s.matched)} matched a hash set.
        </div>
      );
    }
  }
  return null;
}

const PAGE = 50;

function Rejected(props: { importId: string | undefined }) {
  const [offset, setOffset] = useState(0);
  const [value] = useApi(
    () =>
      api.GET('/api/intake/quarantine', {
        params: {
          query: {
            limit: PAGE + 1,
            offset,
            ...(props.importId ? { importId: props.importId } : {}),
          },
        },
      }),
    [props.importId, offset],
  );
  return (
    <section aria-labelledby="rejected-title">
      <h2 id="rejected-title">
        {props.importId ? 'Rejected rows of this import' : 'Rejected rows awaiting review'}
      </h2>
      <Loaded value={value}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No rejected rows.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="compact" data-testid="rejected-rows">
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Line</th>
                      <th scope="col">Field</th>
                      <th scope="col">Reason</th>
                      <th scope="col">Row as received</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.slice(0, PAGE).map((r) => (
                      <tr key={r.id}>
                        <td>{r.fileName}</td>
                        <td className="num">{r.line}</td>
                        <td className="mono">{r.field}</td>
                        <td>{r.reason}</td>
                        <td className="mono small raw">
                          {r.raw}
                          {r.rawTruncated ? (
                            <em className="muted"> (cut to 512 characters)</em>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Rejected row pages"
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
