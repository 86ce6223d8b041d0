export const QUARANTINE_EXPORT_COLUMNS = [
  'id',
  'file',
  'line',
  'field',
  'reason',
  'raw',
  'raw_truncated',
];

/**
 * One RFC 4180 cell; a cell starting with = + - @ tab or CR gets a leading `'` so a spreadsheet
 * never runs it as a formula (R24).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
