/**
 * Behaviour types of the synthetic population and their parameters. The numbers are modelling
 * choices anchored on published research (docs/SIMULATION.md gives the sources and where the
 * evidence is contested); they are not estimates about any real person.
 */
export const BEHAVIOUR_TYPES = [
  'producer',
  'hands_on_risk',
  'high_volume_collector',
  'occasional_viewer',
  'innocent',
] as const;
export type BehaviourType = (typeof BEHAVIOUR_TYPES)[number];

export type Behaviour = {
  /** Share of the observed population. */
  share: number;
  /** Number of files shared, inclusive range. */
  library: [number, number];
  /** Share of the library that is known material (in the VICS set); the rest is benign or unmatched. */
  knownShare: number;
  /** Files of new (never hashed) material this subject made and shares; producers only. */
  newFiles: [number, number];
  /** Relative rate of being observed (online time and library size). */
  activity: number;
  /** Probability of a hands-on (contact) offence; modelling prior, see docs. */
  pHandsOn: number;
  /** Children the subject has access to, when a hands-on offender. */
  children: [number, number];
  /** Share of this subject's observations that come through a Tor exit. */
  torShare: number;
  /** Share of observations that are single-source verified downloads. */
  verifiedShare: number;
  /** Focus on few series (1 = all known files from one series). */
  seriesFocus: number;
};

export const BEHAVIOURS: Record<BehaviourType, Behaviour> = {
  producer: {
    share: 0.01,
    library: [15, 80],
    knownShare: 0.7,
    newFiles: [4, 30],
    activity: 2.5,
    pHandsOn: 1,
    children: [1, 3],
    torShare: 0.25,
    verifiedShare: 0.12,
    seriesFocus: 0.6,
  },
  hands_on_risk: {
    share: 0.05,
    library: [20, 250],
    knownShare: 0.9,
    newFiles: [0, 0],
    activity: 2,
    pHandsOn: 0.5,
    children: [1, 4],
    torShare: 0.05,
    verifiedShare: 0.08,
    seriesFocus: 0.7,
  },
  high_volume_collector: {
    share: 0.12,
    library: [300, 2500],
    knownShare: 0.85,
    newFiles: [0, 0],
    activity: 8,
    pHandsOn: 0.12,
    children: [1, 2],
    torShare: 0.03,
    verifiedShare: 0.05,
    seriesFocus: 0.1,
  },
  occasional_viewer: {
    share: 0.3,
    library: [1, 25],
    knownShare: 0.5,
    newFiles: [0, 0],
    activity: 0.5,
    pHandsOn: 0.04,
    children: [1, 2],
    torShare: 0,
    verifiedShare: 0.05,
    seriesFocus: 0.3,
  },
  innocent: {
    share: 0.52,
    library: [5, 150],
    knownShare: 0,
    newFiles: [0, 0],
    activity: 1,
    pHandsOn: 0,
    children: [0, 0],
    torShare: 0,
    verifiedShare: 0.01,
    seriesFocus: 0,
  },
};

export const SCALES = ['tiny', 'small', 'medium', 'large'] as const;
export type Scale = (typeof SCALES)[number];

/** World size per scale; `rows` is the target number of observation rows (the actual count is in truth.json). */
export const SCALE_PARAMS: Record<
  Scale,
  {
    subjects: number;
    known: number;
    benign: number;
    other: number;
    series: number;
    rows: number;
    tips: number;
    torExits: number;
  }
> = {
  tiny: {
    subjects: 12,
    known: 120,
    benign: 40,
    other: 60,
    series: 6,
    rows: 420,
    tips: 3,
    torExits: 4,
  },
  small: {
    subjects: 400,
    known: 5_000,
    benign: 1_500,
    other: 3_000,
    series: 60,
    rows: 100_000,
    tips: 20,
    torExits: 20,
  },
  medium: {
    subjects: 5_000,
    known: 50_000,
    benign: 10_000,
    other: 20_000,
    series: 400,
    rows: 5_000_000,
    tips: 100,
    torExits: 60,
  },
  large: {
    subjects: 20_000,
    known: 200_000,
    benign: 30_000,
    other: 50_000,
    series: 1_200,
    rows: 100_000_000,
    tips: 300,
    torExits: 150,
  },
};
