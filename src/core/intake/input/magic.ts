/** File signatures of imagery, video and archives: content Vigil never accepts (hash-only rule). */
const SIGNATURES: Array<{ name: string; offset: number; bytes: number[] }> = [
  { name: 'JPEG', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'PNG', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'GIF', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'BMP', offset: 0, bytes: [0x42, 0x4d] },
  { name: 'WebP/RIFF', offset: 0, bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'MP4/MOV/HEIC', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { name: 'MOV', offset: 4, bytes: [0x6d, 0x6f, 0x6f, 0x76] },
  { name: 'MOV', offset: 4, bytes: [0x6d, 0x64, 0x61, 0x74] },
  { name: 'ZIP', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: '7z', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', offset: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'Matroska/WebM', offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { name: 'TIFF', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/** The name of the forbidden format a file starts with, or null. */
export function forbiddenSignature(head: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    if (sig.bytes.every((b, i) => head[sig.offset + i] === b)) return sig.name;
  }
  return null;
}

export const GZIP_MAGIC = [0x1f, 0x8b];
