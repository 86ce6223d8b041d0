import type { ColumnType, Generated } from 'kysely';

/**
 * The Kysely view of every table, one interface per table (snake_case in SQL, camelCase here
 * through CamelCasePlugin). A db test checks every column here exists after the migrations.
 */
export interface Database {
  schemaMigration: SchemaMigrationTable;
  job: JobTable;
  organisation: OrganisationTable;
  appUser: AppUserTable;
  session: SessionTable;
  apiToken: ApiTokenTable;
  share: ShareTable;
  auditLog: AuditLogTable;
  auditCheckpoint: AuditCheckpointTable;
  encryptionKeyCheck: EncryptionKeyCheckTable;
  hashSet: HashSetTable;
  hashSetVersion: HashSetVersionTable;
  hashEntry: HashEntryTable;
  importJournal: ImportJournalTable;
  observation: ObservationTable;
  observationSupersession: ObservationSupersessionTable;
  observationMatch: ObservationMatchTable;
  quarantine: QuarantineTable;
  cybertipDocument: CybertipDocumentTable;
  cybertipIpEvent: CybertipIpEventTable;
  cybertipFileHash: CybertipFileHashTable;
  cybertipFileMatch: CybertipFileMatchTable;
  torExit: TorExitTable;
  jurisdictionRule: JurisdictionRuleTable;
  idempotencyKey: IdempotencyKeyTable;
  subject: SubjectTable;
  subjectMember: SubjectMemberTable;
  subjectLink: SubjectLinkTable;
  subjectScore: SubjectScoreTable;
  subjectDecision: SubjectDecisionTable;
  subjectRelinkState: SubjectRelinkStateTable;
  subjectKeyChange: SubjectKeyChangeTable;
  ruleSet: RuleSetTable;
  legalAuthorityType: LegalAuthorityTypeTable;
  offence: OffenceTable;
  investigationCase: InvestigationCaseTable;
  caseSubject: CaseSubjectTable;
  caseEvent: CaseEventTable;
  legalAuthority: LegalAuthorityTable;
  legalAuthorityScope: LegalAuthorityScopeTable;
  subscriberIdentity: SubscriberIdentityTable;
  caseConfirmation: CaseConfirmationTable;
  warrant: WarrantTable;
  arrest: ArrestTable;
  charge: ChargeTable;
  caseVictim: CaseVictimTable;
  evidenceRef: EvidenceRefTable;
  caseNote: CaseNoteTable;
  caseTask: CaseTaskTable;
  referral: ReferralTable;
  thirdPartyIp: ThirdPartyIpTable;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  appliedAt: Generated<Date>;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobTable {
  id: Generated<string>;
  name: string;
  payload: ColumnType<unknown, string, string>;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  runAt: Generated<Date>;
  leasedUntil: Date | null;
  lockedBy: string | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
}

export interface OrganisationTable {
  id: Generated<string>;
  kind: 'agency' | 'partner';
  code: string;
  name: string;
  jurisdiction: Generated<string>;
  isDemo: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  organisationId: string;
  username: string;
  displayName: string;
  roles: string[];
  passwordHash: string;
  passwordChangedAt: Date;
  /** Sealed TOTP secret; null after an administrator's reset, until the user enrols a new one. */
  totpSecret: string | null;
  totpLastStep: number | null;
  /** A secret offered during enrolment, sealed; it becomes totpSecret once a code is confirmed. */
  totpPendingSecret: string | null;
  /** Set by an administrator's reset: the temporary password must be replaced at sign-in. */
  mustChangePassword: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  failedLogins: Generated<number>;
  firstFailedAt: Date | null;
  lockedAt: Date | null;
  isDemo: Generated<boolean>;
  lastLoginAt: Date | null;
  createdAt: Generated<Date>;
}

export interface SessionTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  stepUpAt: Date | null;
  endedAt: Date | null;
  /** 'credentials': opened with a temporary password; can only set a new password and TOTP. */
  purpose: Generated<'full' | 'credentials'>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  name: string;
  scopes: string[];
  expiresAt: Date;
  createdBy: string | null;
  createdAt: Generated<Date>;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface ShareTable {
  id: Generated<string>;
  objectType: string;
  objectId: string | null;
  ownerOrganisationId: string;
  recipientOrganisationId: string;
  access: Generated<'view' | 'edit'>;
  fieldScope: Generated<string[]>;
  legalBasis: string;
  grantedBy: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Generated<Date>;
}

export interface AuditLogTable {
  seq: number;
  entry: string;
  prevHash: string;
  hash: string;
  occurredAt: Date;
  action: string;
  outcome: string;
  actorId: string | null;
  organisationId: string | null;
  /** The organisations owning the objects touched (a copy of the entry's `owners`). */
  ownerOrganisationIds: string[];
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  treeSize: number;
  headHash: string;
  signedAt: Date;
  keyId: string;
  /** The signing key's public half (SPKI PEM), exported with the checkpoint. */
  publicKey: string;
  signature: string;
}

export interface EncryptionKeyCheckTable {
  id: number;
  keyId: string;
  checkValue: string;
  createdAt: Generated<Date>;
}

export type HashSetKind = 'known' | 'benign';
export type HashSetVersionStatus = 'loading' | 'active' | 'superseded';
export type HashEntryType = 'md5' | 'sha1' | 'sha256' | 'ed2k' | 'btih' | 'pdq';

export interface HashSetTable {
  id: Generated<string>;
  name: string;
  kind: HashSetKind;
  activeVersion: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface HashSetVersionTable {
  id: Generated<string>;
  hashSetId: string;
  version: number;
  status: HashSetVersionStatus;
  kind: HashSetKind;
  format: string;
  sourceFileName: string;
  entryCount: Generated<number>;
  rejectedCount: Generated<number>;
  createdAt: Generated<Date>;
  activatedAt: Date | null;
}

export interface HashEntryTable {
  id: Generated<number>;
  hashSetVersionId: string;
  hashType: HashEntryType;
  hashHex: string;
  categoryScheme: string | null;
  categoryCode: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  isDistributed: boolean | null;
  mediaId: string | null;
  pdqQuality: number | null;
  sourcePosition: string;
}

export type IntakeFormat = 'p2p-csv' | 'p2p-jsonl' | 'cybertip';

export interface ImportJournalTable {
  id: Generated<string>;
  fileSha256: string;
  fileName: string;
  format: IntakeFormat;
  status: Generated<'running' | 'done' | 'failed'>;
  rowsDone: Generated<number>;
  accepted: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
  matched: Generated<number>;
  startedAt: Generated<Date>;
  finishedAt: Date | null;
  /** The uploading organisation (null: an import before 0016 or by the CLI operator). */
  ownerOrganisationId: string | null;
  /** The uploading user (null: the CLI operator or a job). */
  createdBy: string | null;
}

/** Attribution columns shared by observations and CyberTip IP events. */
export interface AttributionColumns {
  countryCode: string | null;
  region: string | null;
  city: string | null;
  asn: number | null;
  asOrg: string | null;
  ipFlags: Generated<string[]>;
  agencyCode: string | null;
  unassignedReason: string | null;
}

export interface ObservationTable extends AttributionColumns {
  id: string;
  observedAt: Date;
  observedOffset: string;
  network: string;
  ip: string;
  port: number;
  clientId: string | null;
  clientName: string | null;
  hashType: string;
  hash: string;
  fileName: string | null;
  fileSize: number | null;
  evidenceKind: string;
  observer: string;
  evidenceRef: string | null;
  evidenceSha256: string | null;
  importId: string;
  sourceFile: string;
  sourceLine: number;
  ingestedAt: Generated<Date>;
}

export interface ObservationSupersessionTable {
  observationId: string;
  supersededBy: string;
  reason: string;
  createdAt: Generated<Date>;
}

export interface ObservationMatchTable {
  observationId: string;
  hashSetId: string;
  hashSetVersion: number;
  kind: 'known' | 'benign';
  categoryScheme: string | null;
  categoryCode: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  isDistributed: boolean | null;
  matchedAt: Generated<Date>;
}

export interface QuarantineTable {
  id: Generated<string>;
  importId: string;
  fileSha256: string;
  fileName: string;
  format: IntakeFormat;
  line: number;
  field: string;
  reason: string;
  raw: string;
  rawEncoding: Generated<'text' | 'json'>;
  /** The raw row was cut to QUARANTINE_RAW_MAX characters (R23). */
  rawTruncated: Generated<boolean>;
  header: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  createdAt: Generated<Date>;
}

export interface CybertipDocumentTable {
  id: string;
  kind: 'report' | 'file_details';
  reportId: string | null;
  incidentType: string | null;
  incidentAt: Date | null;
  content: ColumnType<unknown, string, string>;
  importId: string;
  sourceFile: string;
  ingestedAt: Generated<Date>;
}

export interface CybertipIpEventTable extends AttributionColumns {
  documentId: string;
  ordinal: number;
  subject: string;
  ip: string;
  port: number | null;
  eventName: string | null;
  eventAt: Date | null;
  eventOffset: string | null;
  possibleProxy: boolean | null;
}

export interface CybertipFileHashTable {
  documentId: string;
  hashType: string;
  hash: string;
  matchedKnown: Generated<boolean>;
}

export interface CybertipFileMatchTable {
  documentId: string;
  hashType: string;
  hash: string;
  hashSetId: string;
  hashSetVersion: number;
  kind: 'known' | 'benign';
  categoryScheme: string | null;
  categoryCode: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  isDistributed: boolean | null;
  matchedAt: Generated<Date>;
}

export interface TorExitTable {
  ip: string;
  fingerprint: string;
  seenAt: Date;
  publishedAt: Date | null;
  listSha256: string;
}

export interface JurisdictionRuleTable {
  id: Generated<string>;
  countryCode: string;
  region: Generated<string>;
  municipality: Generated<string>;
  agencyCode: string;
  note: string | null;
  createdAt: Generated<Date>;
}

export interface IdempotencyKeyTable {
  key: string;
  requestSha256: string | null;
  status: Generated<'in_flight' | 'done'>;
  statusCode: number | null;
  response: string | null;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
}

export interface SubjectTable {
  key: string;
  agencyCode: string | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
  observationCount: number;
  tipPersonCount: number;
  linkCount: number;
  updatedAt: Date;
  ruleSetVersion: number | null;
  score: number | null;
  maxScore: number | null;
  attributionLevel: 'high' | 'medium' | 'low' | null;
  attributionConfidence: number | null;
  attributionFlags: Generated<string[]>;
  /** Lower case, as attributed and before brackets ("toronto (old toronto)", "toronto"). */
  municipalities: Generated<string[]>;
  /** JSON: the three reasons with most points. */
  topReasons: Generated<string>;
  scoredAt: Date | null;
}

export interface SubjectMemberTable {
  nodeRef: string;
  subjectKey: string;
  observationId: string | null;
  /** The groups the node links through, as the last relink saw them. */
  groupKeys: Generated<string[]>;
  /** A digest of the node's linking and scoring inputs at the last relink. */
  inputDigest: Generated<string>;
}

export interface SubjectRelinkStateTable {
  id: Generated<number>;
  /** The linking parameters as JSON text. */
  linkOptions: string;
  ruleSetVersion: number;
  evidenceAsOf: Date;
  decisionIds: string[];
  mode: 'full' | 'incremental';
  ranAt: Date;
}

export interface SubjectKeyChangeTable {
  fromKey: string;
  toKeys: string[];
  changedAt: Date;
}

export interface SubjectLinkTable {
  subjectKey: string;
  ordinal: number;
  rule: string;
  nodeA: string;
  nodeB: string;
  evidenceIds: string[];
  identifier: string | null;
  confidenceLevel: 'high' | 'medium' | 'low';
  confidence: number;
}

export interface SubjectScoreTable {
  subjectKey: string;
  ruleSetVersion: number;
  score: number;
  maxScore: number;
  explanation: string;
  evidenceAsOf: Date;
  attributionLevel: 'high' | 'medium' | 'low';
  attributionConfidence: number;
  attributionFlags: string[];
  scoredAt: Date;
}

export interface SubjectDecisionTable {
  id: Generated<string>;
  kind: 'merge' | 'split';
  refs: Generated<string[]>;
  sideA: Generated<string[]>;
  sideB: Generated<string[]>;
  subjectKeys: string[];
  reason: string;
  decidedByUserId: string | null;
  decidedBy: string;
  organisationId: string | null;
  decidedAt: Date;
}

export interface RuleSetTable {
  version: number;
  name: string;
  /** The RuleSetDefinition as JSON text. */
  definition: string;
  note: Generated<string>;
  createdBy: string;
  createdByUserId: string | null;
  createdAt: Date;
}

export interface LegalAuthorityTypeTable {
  code: string;
  category: 'preservation' | 'production' | 'warrant' | 'other';
  statute: string;
  label: string;
  defaultValidityDays: number | null;
  authorizesIdentity: Generated<boolean>;
  inForceFrom: string;
  inForceTo: string | null;
}

export interface OffenceTable {
  code: string;
  section: string;
  label: string;
  inForceFrom: string;
  inForceTo: string | null;
}

export interface InvestigationCaseTable {
  id: Generated<string>;
  organisationId: string;
  reference: string;
  title: string;
  state: string;
  disposition: string | null;
  sourceKind: 'subjects' | 'cybertip' | 'referral';
  cybertipReportId: string | null;
  investigatorId: string | null;
  supervisorId: string | null;
  anonymiserExplanation: string | null;
  receivedAt: Date;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseSubjectTable {
  caseId: string;
  subjectKey: string;
}

export interface CaseEventTable {
  caseId: string;
  seq: number;
  /** When the move was recorded (the server's clock). */
  at: Date;
  /** When it happened (entered after the fact: earlier than `at`). */
  effectiveAt: Date;
  fromState: string | null;
  toState: string;
  disposition: string | null;
  actorId: string | null;
  reason: string | null;
}

export interface LegalAuthorityTable {
  id: Generated<string>;
  caseId: string;
  typeCode: string;
  court: string;
  number: string;
  issuedAt: Date;
  expiresAt: Date | null;
  documentSha256: string;
  supersedesId: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface LegalAuthorityScopeTable {
  authorityId: string;
  ordinal: number;
  ipRange: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SubscriberIdentityTable {
  id: Generated<string>;
  caseId: string;
  subjectKey: string;
  authorityId: string;
  ip: string;
  port: number | null;
  observedAt: Date;
  isSharedAddress: Generated<boolean>;
  ispTimeZone: string | null;
  ispLocalTime: string | null;
  hasInstallationAddress: boolean;
  sealed: string;
  keyId: string;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface CaseConfirmationTable {
  id: Generated<string>;
  caseId: string;
  confirmedBy: string | null;
  confirmedAt: Date;
  note: string;
}

export interface WarrantTable {
  id: Generated<string>;
  caseId: string;
  typeCode: string;
  soughtAt: Date;
  readinessOverride: string | null;
  issuedAt: Date | null;
  executedAt: Date | null;
  result: 'evidence_seized' | 'nothing_found' | 'not_executed' | 'other' | null;
  recordedBy: string | null;
  createdAt: Date;
}

export interface ArrestTable {
  id: Generated<string>;
  caseId: string;
  personRef: string;
  arrestedAt: Date;
  recordedBy: string | null;
  createdAt: Date;
}

export interface ChargeTable {
  id: Generated<string>;
  caseId: string;
  arrestId: string | null;
  offenceCode: string;
  offenceFrom: string;
  laidOn: string;
  recordedBy: string | null;
  createdAt: Date;
}

export interface CaseVictimTable {
  id: Generated<string>;
  caseId: string;
  victimsIdentified: number;
  childrenSafeguarded: number;
  victimServicesRef: string;
  recordedOn: string;
  recordedBy: string | null;
  createdAt: Date;
}

export interface EvidenceRefTable {
  id: Generated<string>;
  caseId: string;
  description: string;
  sha256: string;
  custodyRef: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface CaseNoteTable {
  id: Generated<string>;
  caseId: string;
  body: string;
  authorId: string | null;
  createdAt: Date;
}

export interface CaseTaskTable {
  id: Generated<string>;
  caseId: string;
  title: string;
  dueOn: string;
  assigneeId: string | null;
  doneAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface ReferralTable {
  id: Generated<string>;
  caseId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  reason: string;
  fromState: string;
  status: Generated<'pending' | 'accepted' | 'declined' | 'withdrawn'>;
  createdBy: string | null;
  createdAt: Date;
  /** When the case was referred (createdAt is when that was recorded). */
  effectiveAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** When the referral was accepted, declined or withdrawn (decidedAt: when recorded). */
  decisionEffectiveAt: Date | null;
  decisionReason: string | null;
  receivedCaseId: string | null;
  /** What the referral discloses (case field scope words, always with 'summary'). */
  fieldScope: string[];
  /** The lead package as sent: its exact JSON text, sealed ('plain:' + text without a key). */
  packageSealed: string | null;
  /** SHA-256 (hex) of the package's JSON text as UTF-8. */
  packageSha256: string | null;
  packageFrozenAt: Date | null;
}

export interface ThirdPartyIpTable {
  id: Generated<string>;
  caseId: string;
  provider: string;
  providerReference: string | null;
  basis: string;
  authorityId: string | null;
  event: string;
  accountRef: string | null;
  ip: string;
  port: number | null;
  observedAt: Date;
  documentSha256: string | null;
  basisNote: string | null;
  supersedesId: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}
