import type { Catalogue } from './catalogue.js';
import { flat } from './prng.js';

/** Which of a file's hashes a row carries (its `hash_type,hash` pair). */
export const HashVariant = { Md5: 0, Sha1Hex: 1, Sha1Base32: 2, Ed2k: 3, Btih: 4 } as const;
export type HashVariant = (typeof HashVariant)[keyof typeof HashVariant];
const VARIANTS = 5;

/**
 * Pre-rendered `hash_type,hash,file_name,file_size` CSV fragments, one flat string per file and
 * hash variant, built the first time a row needs it. A row then reads one string instead of a file
 * object, a hash string and a name string scattered over a large heap (cache misses dominate the
 * per-row cost of a large world), and concatenates fewer pieces.
 */
export class FileFragments {
  private readonly cache: (string | undefined)[];

  constructor(private readonly catalogue: Catalogue) {
    this.cache = Array.from<string | undefined>({ length: catalogue.files.length * VARIANTS });
  }

  /** The fragment of file `id` for hash `variant`. */
  get(id: number, variant: HashVariant): string {
    const slot = id * VARIANTS + variant;
    return this.cache[slot] ?? (this.cache[slot] = this.render(id, variant));
  }

  private render(id: number, variant: HashVariant): string {
    const f = this.catalogue.files[id]!;
    const pair =
      variant === HashVariant.Md5
        ? `md5,${f.md5}`
        : variant === HashVariant.Sha1Hex
          ? `sha1,${f.sha1}`
          : variant === HashVariant.Sha1Base32
            ? `sha1,${f.sha1Base32}`
            : variant === HashVariant.Ed2k
              ? `ed2k,${f.ed2k}`
              : `btih,${this.catalogue.torrents[f.torrentId]!.btih}`;
    return flat(`${pair},${f.csvTail}`);
  }
}
