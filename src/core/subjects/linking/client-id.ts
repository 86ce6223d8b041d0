import type { Network } from '#core/subjects/subjects.schema.js';

/** How far a client id identifies one installation. */
export type ClientIdStrength = 'strong' | 'weak';

/** A client id normalised into a linking key. */
export type ClientKey = { key: string; strength: ClientIdStrength };

const EXPECTED_LENGTH: Record<Network, number[]> = {
  gnutella: [32],
  ed2k: [32],
  kad: [32],
  bittorrent: [40],
  other: [32, 40],
};

// Azureus-style peer ids start "-XXnnnn-" and Mainline-style ones "Mn-n-n--": clients that use them
// regenerate the random tail each session, so alone they do not follow an installation over time.
const AZUREUS =
  /^2d([46][0-9a-f]|[57][0-9a])([46][0-9a-f]|[57][0-9a])(3[0-9]|[46][0-9a-f]|[57][0-9a]){4}2d/;
const MAINLINE = /^4d3[0-9]2d3[0-9](3[0-9])?2d3[0-9](3[0-9])?2d/;

/**
 * Normalises a client id (Gnutella GUID, eD2k/Kad user hash, BitTorrent peer or DHT node id);
 * returns undefined for ids of the wrong length or all zeros, which identify nothing.
 */
export function classifyClientId(
  network: Network,
  clientId: string | null | undefined,
): ClientKey | undefined {
  if (clientId === undefined || clientId === null) return undefined;
  const hex = clientId.toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || !EXPECTED_LENGTH[network].includes(hex.length)) return undefined;
  if (/^0+$/.test(hex)) return undefined;
  const isWeak = network === 'bittorrent' && (AZUREUS.test(hex) || MAINLINE.test(hex));
  return { key: `${network}:${hex}`, strength: isWeak ? 'weak' : 'strong' };
}
