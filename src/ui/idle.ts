import { useEffect } from 'react';

/** The UI locks after this long without keyboard, pointer or scroll activity (docs/SECURITY.md). */
export const IDLE_LOCK_MS = 30 * 60 * 1000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'pointermove'] as const;

/** Calls `onIdle` once when nobody has used the page for `ms` (checked every 15 s). */
export function useIdleLock(active: boolean, onIdle: () => void, ms = IDLE_LOCK_MS): void {
  useEffect(() => {
    if (!active) return () => undefined;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= ms) {
        window.clearInterval(timer);
        onIdle();
      }
    }, 15_000);
    return () => {
      window.clearInterval(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, touch);
    };
  }, [active, onIdle, ms]);
}
