/**
 * How a lead package reads for a receiving investigator: dates in the agency's time zone, labels
 * instead of stored codes, plurals. Pure; the PDF renderer (src/platform/pdf) words every line
 * through these.
 */

/** Canadian provinces and territories by their two-letter code, and their main time zone. */
const PROVINCE_ZONES: Record<string, string> = {
  ON: 'America/Toronto',
  QC: 'America/Toronto',
  NS: 'America/Halifax',
  NB: 'America/Moncton',
  PE: 'America/Halifax',
  NL: 'America/St_Johns',
  MB: 'America/Winnipeg',
  SK: 'America/Regina',
  AB: 'America/Edmonton',
  BC: 'America/Vancouver',
  YT: 'America/Whitehorse',
  NT: 'America/Yellowknife',
  NU: 'America/Iqaluit',
};

/**
 * The agency's time zone: from its jurisdiction (`CA-ON`, `Ontario`…) or, failing that, its code's
 * province prefix (`ON-TPS`); UTC when neither names a province.
 */
export function agencyTimeZone(code: string, jurisdiction: string): string {
  const fromJurisdiction = /^CA-([A-Z]{2})\b/i.exec(jurisdiction.trim())?.[1];
  const fromCode = /^([A-Z]{2})-/i.exec(code)?.[1];
  for (const province of [fromJurisdiction, fromCode]) {
    const zone = province ? PROVINCE_ZONES[province.toUpperCase()] : undefined;
    if (zone) return zone;
  }
  if (/ontario/i.test(jurisdiction)) return 'America/Toronto';
  return 'UTC';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date as "28 Mar 2026" ('-' when absent). */
export function formatDay(date: string | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : '-';
}

/** An instant in the zone, with the zone's abbreviation: "14 Mar 2026, 14:30 EDT" ('-' when absent). */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${formatDay(`${parts.year}-${parts.month}-${parts.day}`)}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** "1 observation", "2 observations". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en-CA')} ${n === 1 ? singular : pluralForm}`;
}

/** Labels whose wording is not the code's words. */
const LABELS: Record<string, string> = {
  observations_several_days: 'Observations on several days',
  shared_address_port: 'Port recorded where the address is shared',
  anonymiser_explained: 'Anonymiser use explained',
  installation_address: 'Installation address known',
  times_in_utc_and_isp_zone: "Times in UTC and in the ISP's zone",
  second_person_confirmation: 'Confirmed by a second person',
  referred_out: 'Referred out',
  anonymous_vpn: 'anonymous VPN',
  cgnat: 'carrier-grade NAT',
  cgnat_without_port: 'carrier-grade NAT without port',
};

/** A stored code (`legal_process_requested`) as words ("Legal process requested"). */
export function labelOf(code: string): string {
  const known = LABELS[code];
  if (known) return known;
  const words = code.replace(/[_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Records that differ only by id, as one line with a count. */
export function countedLines<T>(items: readonly T[], key: (item: T) => string) {
  const lines = new Map<string, { item: T; count: number }>();
  for (const item of items) {
    const k = key(item);
    const line = lines.get(k);
    if (line) line.count += 1;
    else lines.set(k, { item, count: 1 });
  }
  return [...lines.values()];
}
