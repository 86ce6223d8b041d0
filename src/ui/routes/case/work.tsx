import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { Badge, ErrorLine } from '../../components/common';
import { formatDate, formatDateTime } from '../../format';
import { optionalText, text, todayUtc } from './fields';
import { RecordForm } from './record-form';
import { RecordList } from './record-list';
import type { CaseField } from './field-scope';
import type { SectionProps } from './types';

/** Tasks with due dates, notes, and evidence references (SHA-256 and custody, never content). */
export function CaseWork({ detail: c, reload }: SectionProps) {
  const empty = (field: CaseField) =>
    c.fieldScope.includes(field) ? 'None.' : 'Not shared with your agency.';
  const [taskError, setTaskError] = useState<string | undefined>();
  const complete = async (id: string) => {
    const r = await api.POST('/api/tasks/{id}/done', { params: { path: { id } } });
    setTaskError(r.response.ok ? undefined : errorMessage(r.error, 'Marking the task failed'));
    if (r.response.ok) reload();
  };
  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title">Tasks, notes and evidence</h2>
      <div className="grid-3">
        <div>
          <h3>Tasks</h3>
          <RecordList
            items={c.tasks}
            empty={empty('tasks')}
            testId="tasks"
            render={(t) => (
              <>
                {t.title}, due {formatDate(t.dueOn)}{' '}
                {t.doneAt ? (
                  <Badge tone="ok">done</Badge>
                ) : t.isOverdue ? (
                  <Badge tone="warn">overdue</Badge>
                ) : null}
                {!t.doneAt && !c.isReadOnly ? (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => void complete(t.id)}
                  >
                    Mark “{t.title}” done
                  </button>
                ) : null}
              </>
            )}
          />
          <ErrorLine message={taskError} />
        </div>
        <div>
          <h3>Notes</h3>
          <RecordList
            items={c.notes}
            empty={empty('notes')}
            testId="notes"
            render={(n) => (
              <>
                <div className="muted small">{formatDateTime(n.createdAt)}</div>
                <div className="pre">{n.text}</div>
              </>
            )}
          />
        </div>
        <div>
          <h3>Evidence references</h3>
          <RecordList
            items={c.evidence}
            empty={empty('evidence')}
            testId="evidence"
            render={(e) => (
              <>
                {e.description}
                <div className="mono small" title={e.sha256}>
                  SHA-256 {e.sha256.slice(0, 16)}…{e.custodyRef ? `, custody ${e.custodyRef}` : ''}
                </div>
              </>
            )}
          />
        </div>
      </div>
      {c.isReadOnly ? null : (
        <div className="records">
          <RecordForm
            summary="Add a task"
            submitLabel="Add task"
            send={(form) =>
              api.POST('/api/cases/{id}/tasks', {
                params: { path: { id: c.id } },
                body: { title: text(form, 'title'), dueOn: text(form, 'dueOn') },
              })
            }
            done={reload}
          >
            <label>
              Task
              <input name="title" required maxLength={200} />
            </label>
            <label>
              Due on
              <input name="dueOn" type="date" required defaultValue={todayUtc()} />
            </label>
          </RecordForm>
          <RecordForm
            summary="Add a note"
            submitLabel="Add note"
            send={(form) =>
              api.POST('/api/cases/{id}/notes', {
                params: { path: { id: c.id } },
                body: { text: text(form, 'note') },
              })
            }
            done={reload}
          >
            <label>
              Note
              <textarea name="note" required maxLength={10000} rows={3} />
            </label>
          </RecordForm>
          <RecordForm
            summary="Add an evidence reference"
            submitLabel="Add evidence reference"
            send={(form) => {
              const custodyRef = optionalText(form, 'custodyRef');
              return api.POST('/api/cases/{id}/evidence', {
                params: { path: { id: c.id } },
                body: {
                  description: text(form, 'description'),
                  sha256: text(form, 'sha256').toLowerCase(),
                  ...(custodyRef ? { custodyRef } : {}),
                },
              });
            }}
            done={reload}
          >
            <label>
              Description
              <input name="description" required maxLength={500} />
            </label>
            <label>
              SHA-256
              <input name="sha256" required pattern="[0-9a-fA-F]{64}" size={70} className="mono" />
            </label>
            <label>
              Custody reference (optional)
              <input name="custodyRef" maxLength={100} />
            </label>
          </RecordForm>
        </div>
      )}
    </section>
  );
}
