/** @module Subject linking: observations and CyberTip identities into subjects. */
export { classifyClientId } from './client-id.js';
export { isCgnatAddress, isNonPublicAddress } from './ip-address.js';
export * from './link.types.js';
export { addToLinkState, emptyLinkState, type LinkBatch, type LinkState } from './link-state.js';
export { linkSubjects } from './link-subjects.js';
export { resolveSubjects, subjectKeyFor } from './resolve-subjects.js';
export { subjectKeyChanges, type SubjectKeyChange } from './key-changes.js';
