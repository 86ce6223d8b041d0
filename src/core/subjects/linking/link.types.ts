import { z } from 'zod';

/** A confidence level with the number it was derived from (0..1). */
export type Confidence = { level: 'high' | 'medium' | 'low'; value: number };

/** The rule that produced a link between two nodes. */
export type LinkRule =
  | 'client_id'
  | 'weak_client_id_repeated'
  | 'ip_time_window'
  | 'cgnat_ip_port_time_window'
  | 'ip_concurrent_clients'
  | 'cgnat_concurrent_clients'
  | 'tip_email'
  | 'tip_account'
  | 'tip_device_id'
  | 'analyst_merge';

/** One link between two nodes (observations `obs:<id>` or tip persons `tip:<reportId>#<n>`). */
export type LinkEdge = {
  rule: LinkRule;
  a: string;
  b: string;
  confidence: Confidence;
  evidence: {
    /** The evidence rows behind the link: observation ids or tip refs (`tip:<id>#<n>@<event>`). */
    rows: string[];
    /** The shared identifier (client id, IP, email...), when there is one. */
    identifier?: string;
    /** The time span the link relies on, for IP links. */
    window?: { from: string; to: string };
    decisionId?: string;
  };
};

/** A link that was not applied because an analyst's split forbids it. */
export type BlockedLink = { edge: LinkEdge; blockedByDecisionId: string };

/** Linking parameters; defaults in DEFAULT_LINK_OPTIONS. */
export type LinkOptions = {
  /** Longest gap between two sightings of one IP that still links them (DHCP churn). */
  ipWindowHours: number;
  /** Gaps up to this many hours give a medium IP link; longer ones (up to the window) a low one. */
  ipStrongWindowHours: number;
  /** How often a weak (per-session) BitTorrent peer id must be seen with one IP to be trusted. */
  weakIdMinRepeats: number;
};

/** Validates link options: windows in hours (up to a week), the strong window inside the window. */
export const LinkOptionsSchema = z
  .object({
    ipWindowHours: z.number().gt(0).max(168),
    ipStrongWindowHours: z.number().gt(0).max(168),
    weakIdMinRepeats: z.number().int().min(2),
  })
  .refine((o) => o.ipStrongWindowHours <= o.ipWindowHours, {
    path: ['ipStrongWindowHours'],
    message: 'must not exceed ipWindowHours',
  });

/** Default linking parameters: a 48 h IP window (inside the 24 to 72 h range DHCP leases suggest). */
export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  ipWindowHours: 48,
  ipStrongWindowHours: 24,
  weakIdMinRepeats: 2,
};

const NodeRefSchema = z
  .string()
  .regex(/^(obs:.+|tip:.+#\d+)$/, 'expected obs:<id> or tip:<id>#<n>');

/** An analyst's decision: merge (must-link) or split (cannot-link between the two sides). */
export const LinkDecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('merge'),
    id: z.string().min(1),
    decidedAt: z.coerce.date(),
    refs: z.array(NodeRefSchema).min(2),
    reason: z.string().optional(),
  }),
  z.object({
    kind: z.literal('split'),
    id: z.string().min(1),
    decidedAt: z.coerce.date(),
    sideA: z.array(NodeRefSchema).min(1),
    sideB: z.array(NodeRefSchema).min(1),
    reason: z.string().optional(),
  }),
]);
export type LinkDecision = z.infer<typeof LinkDecisionSchema>;

/** One subject: an installation or household, as far as the evidence links it. */
export type Subject = {
  /** Stable key derived from the subject's lowest node ref. */
  key: string;
  nodeRefs: string[];
  observationIds: string[];
  tipPersonRefs: string[];
  /** Links that hold the subject together (a maximum spanning forest, strongest first). */
  links: LinkEdge[];
  /** The weakest link needed to hold the subject together (1 for a single node). */
  cohesion: Confidence;
};

/** The output of linking: subjects sorted by key, plus links and decisions that could not apply. */
export type LinkResult = {
  subjects: Subject[];
  blocked: BlockedLink[];
  /** Merge decisions that contradict a split and were not applied. */
  conflicts: Array<{ decisionId: string; reason: string }>;
};

/** Maps a confidence number to its level (>= 0.8 high, >= 0.5 medium, else low). */
export function confidence(value: number): Confidence {
  const rounded = Math.round(value * 1000) / 1000;
  return { level: rounded >= 0.8 ? 'high' : rounded >= 0.5 ? 'medium' : 'low', value: rounded };
}
