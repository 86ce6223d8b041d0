import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './client';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string; status: number | undefined }
  | { state: 'ready'; data: T };

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Runs an API call whenever `deps` change; returns its state and a reload function. */
export function useApi<T>(
  call: () => Promise<Result<T>>,
  deps: readonly unknown[],
): [Loadable<T>, () => void] {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    call().then(
      (r) => {
        if (!live) return;
        if (r.data !== undefined) {
          setValue({ state: 'ready', data: r.data });
        } else {
          setValue({ state: 'error', message: errorMessage(r.error), status: r.response.status });
        }
      },
      (e: unknown) => {
        if (live) setValue({ state: 'error', message: String(e), status: undefined });
      },
    );
    return () => {
      live = false;
    };
    // The caller lists the call's inputs in deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return [value, reload];
}
