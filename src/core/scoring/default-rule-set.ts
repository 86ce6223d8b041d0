import type { RuleSetDefinition } from './engine/factors.schema.js';

const ALL_KINDS = ['query_hit', 'browse_host', 'swarm_announce', 'download_verified'] as const;

/**
 * Rule set version 1: lead priority from observable behaviour (docs/SCORING.md explains each rule,
 * its source and how strong the evidence for it is). Weights sum to 100. Kept for the record: scores
 * stored under version 1 were computed with it.
 */
export const RULE_SET_V1: RuleSetDefinition = {
  version: 1,
  name: 'Vigil default lead priority v1',
  rules: [
    {
      id: 'possible_production',
      description: 'Files in no hash set shared beside known material (possible new production)',
      weight: 15,
      factor: {
        type: 'unmatched_beside_known',
        minKnownFiles: 1,
        saturation: 10,
        evidenceKinds: [...ALL_KINDS],
      },
    },
    {
      id: 'tip_enticement',
      description: 'A linked CyberTip reports online enticement of a child',
      weight: 15,
      factor: {
        type: 'tip_incident_type',
        incidentTypes: ['Online Enticement of Children for Sexual Acts'],
      },
    },
    {
      id: 'tip_possible_self_production',
      description: 'A linked CyberTip flags possible self-production',
      weight: 10,
      factor: { type: 'tip_annotation', annotations: ['possibleSelfProduction'], scope: 'any' },
    },
    {
      id: 'tip_infant',
      description: 'A linked CyberTip flags a file as depicting an infant or toddler',
      weight: 8,
      factor: { type: 'tip_annotation', annotations: ['infant'], scope: 'any' },
    },
    {
      id: 'category_severity',
      description: 'The most severe category of the known material',
      weight: 12,
      factor: {
        type: 'category_severity',
        severities: [
          { scheme: 'caid', code: 'A', severity: 1 },
          { scheme: 'caid', code: 'B', severity: 0.6 },
          { scheme: 'caid', code: 'C', severity: 0.3 },
          { scheme: 'ncmec', code: 'A1', severity: 1 },
          { scheme: 'ncmec', code: 'A2', severity: 0.6 },
          { scheme: 'ncmec', code: 'B1', severity: 0.6 },
          { scheme: 'ncmec', code: 'B2', severity: 0.3 },
          { scheme: 'vics_us', code: '1', severity: 0.6 },
          { scheme: 'vics_us', code: '2', severity: 0.2 },
          { scheme: 'vics_us', code: '3', severity: 0.1 },
        ],
      },
    },
    {
      id: 'distribution_verified',
      description: 'Known files downloaded from the subject and verified (possession evidenced)',
      weight: 8,
      factor: {
        type: 'known_files_by_evidence_kind',
        evidenceKinds: ['download_verified'],
        saturation: 10,
      },
    },
    {
      id: 'advertising',
      description: 'Known files advertised (query hits, browse-host listings, swarm announces)',
      weight: 3,
      factor: {
        type: 'known_files_by_evidence_kind',
        evidenceKinds: ['query_hit', 'browse_host', 'swarm_announce'],
        saturation: 25,
      },
    },
    {
      id: 'volume',
      description: 'Distinct known files, log-scaled',
      weight: 6,
      factor: { type: 'distinct_known_files', saturation: 500 },
    },
    {
      id: 'distinct_series',
      description: 'Distinct known series, log-scaled',
      weight: 5,
      factor: { type: 'distinct_series', saturation: 20 },
    },
    {
      id: 'persistence',
      description: 'Distinct days active with known material, log-scaled',
      weight: 5,
      factor: { type: 'distinct_days_active', saturation: 30 },
    },
    {
      id: 'recency',
      description: 'Seen recently with known material (30-day half-life)',
      weight: 5,
      factor: { type: 'recency', halfLifeDays: 30 },
    },
    {
      id: 'victim_identified',
      description: 'Known material of a series whose victim has been identified',
      weight: 2,
      factor: { type: 'victim_identified' },
    },
    {
      id: 'registry_match',
      description: 'A sex offender registry match recorded by an agency',
      weight: 6,
      factor: { type: 'registry_match' },
    },
  ],
  attribution: {
    flagFactors: {
      tor: 0.05,
      anonymous_vpn: 0.1,
      hosting: 0.25,
      private: 0.05,
      special: 0.05,
      cgnat: 0.6,
    },
    cgnatWithoutPort: 0.15,
    possibleProxy: 0.3,
    unassignedJurisdiction: 0.7,
    accountOnly: 0.5,
  },
};

/**
 * Rule set version 2 (the default): v1 re-weighted after the evaluation on simulated worlds of
 * seeds 1-3 (docs/SCORING.md, "Evaluation results"): unmatched files count only when (almost) no
 * one else shares them and by their share of the subject's files; a collection concentrated on few
 * series counts; volume-driven rules weigh less; CyberTip report annotations and escalation count.
 * Weights sum to 100.
 */
export const DEFAULT_RULE_SET: RuleSetDefinition = {
  version: 2,
  name: 'Vigil default lead priority v2',
  rules: [
    {
      id: 'sole_source_unmatched',
      description:
        'Files in no hash set that no other subject shares, beside known material (possible new production)',
      weight: 20,
      factor: {
        type: 'sole_source_unmatched',
        minKnownFiles: 1,
        maxSharingSubjects: 1,
        minFiles: 3,
        fullShare: 0.25,
        evidenceKinds: [...ALL_KINDS],
      },
    },
    {
      id: 'series_concentration',
      description: 'Known material concentrated on few series (a focused, not a broad, collection)',
      weight: 20,
      factor: {
        type: 'series_concentration',
        minKnownFiles: 5,
        topSeries: 2,
        floorShare: 0.3,
        fullShare: 0.6,
      },
    },
    {
      id: 'tip_enticement',
      description: 'A linked CyberTip reports online enticement of a child',
      weight: 10,
      factor: {
        type: 'tip_incident_type',
        incidentTypes: ['Online Enticement of Children for Sexual Acts'],
      },
    },
    {
      id: 'tip_contact_seeking',
      description:
        'A linked CyberTip is annotated sextortion or solicitation of material from a child',
      weight: 5,
      factor: {
        type: 'tip_annotation',
        annotations: ['sextortion', 'csamSolicitation'],
        scope: 'report',
      },
    },
    {
      id: 'tip_escalated',
      description: 'The reporting service escalated a linked CyberTip to high priority',
      weight: 5,
      factor: { type: 'tip_annotation', annotations: ['escalateToHighPriority'], scope: 'report' },
    },
    {
      id: 'tip_possible_self_production',
      description: 'A linked CyberTip flags possible self-production',
      weight: 8,
      factor: { type: 'tip_annotation', annotations: ['possibleSelfProduction'], scope: 'any' },
    },
    {
      id: 'tip_infant',
      description: 'A linked CyberTip flags a file as depicting an infant or toddler',
      weight: 6,
      factor: { type: 'tip_annotation', annotations: ['infant'], scope: 'any' },
    },
    { ...rule('category_severity'), weight: 6 },
    { ...rule('distribution_verified'), weight: 4 },
    { ...rule('advertising'), weight: 1 },
    { ...rule('volume'), weight: 3 },
    { ...rule('distinct_series'), weight: 2 },
    { ...rule('persistence'), weight: 2 },
    { ...rule('recency'), weight: 2 },
    { ...rule('victim_identified'), weight: 1 },
    { ...rule('registry_match'), weight: 5 },
  ],
  attribution: RULE_SET_V1.attribution,
};

function rule(id: string): RuleSetDefinition['rules'][number] {
  const found = RULE_SET_V1.rules.find((r) => r.id === id);
  if (!found) throw new Error(`rule ${id} is not in rule set v1`);
  return found;
}
