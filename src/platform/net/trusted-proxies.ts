import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/**
 * Parses one address in its plain textual form only: dotted-quad IPv4 or IPv6 (an IPv4-mapped
 * IPv6 address becomes IPv4). Legacy forms such as `127.1` or `0x7f.0.0.1` are not addresses here.
 */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** One entry of VIGIL_TRUSTED_PROXIES: an address or a CIDR range; undefined when neither. */
function parseEntry(entry: string): Range | undefined {
  const [base, bits, ...rest] = entry.split('/');
  if (base === undefined || rest.length > 0) return undefined;
  const address = parseAddress(base);
  if (!address) return undefined;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [address, max];
  if (!/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  return prefix <= max ? [address, prefix] : undefined;
}

/** Why an entry of VIGIL_TRUSTED_PROXIES is refused, or undefined when it is usable. */
export function trustedProxyEntryProblem(entry: string): string | undefined {
  const range = parseEntry(entry);
  if (!range) return `"${entry}" is not an IP address or CIDR range`;
  if (range[1] === 0) return `"${entry}" trusts every address: any client could forge its own`;
  return undefined;
}

/**
 * The reverse proxies whose forwarded headers Vigil believes (VIGIL_TRUSTED_PROXIES). Only
 * `X-Forwarded-For` is read: the client address is the right-most address in the chain that is not
 * a trusted proxy, so a client cannot push a forged address past the proxy that appends the real
 * one. Without trusted proxies every forwarded header is ignored and the socket's peer is the
 * client.
 */
export class TrustedProxies {
  private constructor(private readonly ranges: readonly Range[]) {}

  /** No proxy is trusted: the peer address is always the client. */
  static readonly none = new TrustedProxies([]);

  /** Builds the list from validated entries (config.ts refuses bad ones first); throws on a bad one. */
  static of(entries: readonly string[]): TrustedProxies {
    return new TrustedProxies(
      entries.map((entry) => {
        const problem = trustedProxyEntryProblem(entry);
        if (problem) throw new Error(problem);
        return parseEntry(entry)!;
      }),
    );
  }

  /** Whether `address` is one of the trusted proxies. */
  includes(address: string): boolean {
    const parsed = parseAddress(address);
    return parsed !== undefined && this.matches(parsed);
  }

  /**
   * The client's address for a request that arrived from `peer` carrying `forwardedFor` (the
   * X-Forwarded-For value, comma-separated, as Node joins repeated headers). Walks from the peer
   * towards the client while the current hop is a trusted proxy; stops at the first untrusted
   * address, or at the last trusted hop when the next entry is not an address.
   */
  clientAddress(peer: string | undefined, forwardedFor: string | undefined): string | undefined {
    if (peer === undefined) return undefined;
    let current = parseAddress(peer);
    if (!current) return peer;
    if (forwardedFor === undefined || this.ranges.length === 0) return current.toString();
    const hops = forwardedFor.split(',');
    for (let i = hops.length - 1; i >= 0 && this.matches(current); i--) {
      const next = parseAddress(hops[i]!.trim());
      if (!next) break;
      current = next;
    }
    return current.toString();
  }

  private matches(address: Address): boolean {
    return this.ranges.some(
      ([base, bits]) => base.kind() === address.kind() && address.match(base, bits),
    );
  }
}
