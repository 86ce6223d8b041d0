import type { RuleSetDefinition } from './engine/factors.schema.js';

const ALL_KINDS = ['query_hit', 'browse_host', 'swarm_announce', 'download_verified'] as const;

/**
 * Rule set version 1: lead priority from observable behaviour (docs/SCORING.md explains each rule,
 * its source and how strong the evidence for it is). Weights sum to 100.
 */
export const DEFAULT_RULE_SET: RuleSetDefinition = {
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
