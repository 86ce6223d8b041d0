import type { ReactNode } from 'react';

/** A case section's records as a list, or a muted line saying there are none. */
export function RecordList<T extends { id: string }>(props: {
  items: readonly T[];
  empty: string;
  testId: string;
  render: (item: T) => ReactNode;
}) {
  if (props.items.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <ul className="plain" data-testid={props.testId}>
      {props.items.map((item) => (
        <li key={item.id}>{props.render(item)}</li>
      ))}
    </ul>
  );
}
