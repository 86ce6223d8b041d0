import type { LinkDecision, LinkOptions, LinkResult } from './link.types.js';
import { addToLinkState, emptyLinkState, type LinkBatch } from './link-state.js';
import { resolveSubjects } from './resolve-subjects.js';

/**
 * Links all rows of one batch into subjects, respecting analysts' decisions.
 *
 * @example
 * const { subjects } = linkSubjects({ observations, attributions, tips }, decisions);
 */
export function linkSubjects(
  batch: LinkBatch,
  decisions: readonly LinkDecision[] = [],
  options: Partial<LinkOptions> = {},
): LinkResult {
  return resolveSubjects(addToLinkState(emptyLinkState(options), batch), decisions);
}
