/** The one source of "now", so that tests can move time (session timeouts, job backoff). */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };
