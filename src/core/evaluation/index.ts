/** @module Evaluation: how many high-risk subjects and children a ranking reaches in its first K. */
export * from './baselines.js';
export * from './evaluation.types.js';
export * from './metrics.js';
export * from './report.js';
