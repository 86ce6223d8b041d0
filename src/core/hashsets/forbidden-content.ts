import { ForbiddenContentError } from '#shared/errors.js';

/** Magic numbers of imagery, video and archives: a hash-only product never accepts them. */
const MAGIC: Array<{ name: string; at: number; bytes: number[] }> = [
  { name: 'JPEG', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'PNG', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'GIF', at: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP', at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { name: 'BMP', at: 0, bytes: [0x42, 0x4d] },
  { name: 'HEIC/MP4/MOV', at: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { name: 'ZIP', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: '7z', at: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', at: 0, bytes: [0x52, 0x61, 0x72, 0x21] },
];

/** The name of the media or archive type that `head` starts with, if any. */
export function sniffForbiddenMagic(head: Uint8Array): string | undefined {
  return MAGIC.find((m) => m.bytes.every((b, i) => head[m.at + i] === b))?.name;
}

/** Throws ForbiddenContentError when the file starts like imagery, video or an archive. */
export function assertNoForbiddenMagic(head: Uint8Array, where: string): void {
  const name = sniffForbiddenMagic(head);
  // "BM" is too short to judge alone: a text list may start with it, a real BMP is binary.
  if (!name || (name === 'BMP' && isText(head))) return;
  throw new ForbiddenContentError(`${where}: the file is ${name} data, not a hash list`, [
    { path: where, reason: `${name} content is never accepted (hash-only)` },
  ]);
}

function isText(head: Uint8Array): boolean {
  return head
    .subarray(0, 64)
    .every((b) => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f));
}

const IMAGE_KEY =
  /thumb|^image$|^imagedata$|^imagebytes$|^picture$|^photo$|base64|blob|^content$|^data$|^bytes$/i;
const BASE64 = /^[A-Za-z0-9+/=\r\n]+$/;
/** A PhotoDNA hash is 144 bytes: at most ~600 characters in any of its text encodings. */
const MAX_PHOTODNA_CHARS = 1024;
const MAX_BASE64_CHARS = 256;

/**
 * Why a JSON field carries content rather than a hash (an image field, a `data:` URI, a base64
 * blob, a PhotoDNA field too long to be a hash), or undefined when it is acceptable.
 */
export function contentFieldReason(key: string, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '' || value === false) return undefined;
  if (IMAGE_KEY.test(key)) {
    return `field "${key}" carries content (image/thumbnail/blob fields are never accepted)`;
  }
  if (typeof value !== 'string') return undefined;
  if (/^\s*data:/i.test(value)) return `field "${key}" holds a data: URI`;
  if (/photodna/i.test(key)) {
    return value.length > MAX_PHOTODNA_CHARS
      ? `field "${key}" is ${value.length} characters: a blob, not a PhotoDNA hash`
      : undefined;
  }
  if (value.length >= MAX_BASE64_CHARS && BASE64.test(value)) {
    return `field "${key}" holds a base64 blob of ${value.length} characters`;
  }
  return undefined;
}
