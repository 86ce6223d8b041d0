import { csvField, hexToBase32 } from './encoding.js';
import { flat, type Rng } from './prng.js';

export type FileKind = 'known' | 'benign' | 'other' | 'new';

/** One synthetic file: random digests (of no real content), a neutral name and a size. */
export type CatalogueFile = {
  id: number;
  kind: FileKind;
  md5: string;
  sha1: string;
  sha1Base32: string;
  ed2k: string;
  size: number;
  name: string;
  /** `file_name,file_size` already quoted for CSV: computed once, used on every row. */
  csvTail: string;
  seriesId: number;
  category: number | null;
  /** Whether the VICS set carries the file's eD2k hash (AlternativeHashes EDK). */
  hasEdk: boolean;
  torrentId: number;
};

export type Series = { id: number; name: string; victimIdentified: boolean; files: number[] };
export type Torrent = { id: number; btih: string; files: number[] };

export type Catalogue = { files: CatalogueFile[]; series: Series[]; torrents: Torrent[] };

const ADJ = [
  'Amber',
  'Cobalt',
  'Silent',
  'Northern',
  'Granite',
  'Willow',
  'Harbour',
  'Copper',
  'Misty',
  'Juniper',
  'Falcon',
  'Cedar',
  'Aspen',
  'Birch',
  'Crimson',
  'Slate',
];
const NOUN = [
  'Meadow',
  'Lantern',
  'Ridge',
  'Orchard',
  'Harbour',
  'Falls',
  'Crossing',
  'Garden',
  'Summit',
  'Valley',
  'Brook',
  'Island',
  'Tower',
  'Field',
];
const PHOTO = ['IMG_', 'DSC', 'DSCN', 'P', 'photo_', 'image'];
const VIDEO = ['VID_', 'MOV_', 'clip', 'video', 'rec'];
const BENIGN_NAMES = [
  'setup.exe',
  'readme.txt',
  'Thumbs.db',
  'desktop.ini',
  'license.rtf',
  'installer.msi',
  'uninstall.exe',
  'sample.wav',
];
const OTHER = [
  'ubuntu-14.04.2-desktop-amd64.iso',
  'Holiday Mix, Vol. 2.mp3',
  'lecture "week 3".pdf',
  'family picnic.avi',
  'cookbook.epub',
  'game_patch_1.2.zip',
  'song.mp3',
  'documentary.mkv',
];

/** Builds the catalogue: known series, benign and unmatched files, and torrents that bundle them. */
export function buildCatalogue(
  rng: Rng,
  p: { known: number; benign: number; other: number; series: number },
): Catalogue {
  const files: CatalogueFile[] = [];
  const series: Series[] = [];
  for (let s = 0; s < p.series; s++) {
    series.push({
      id: s,
      name: `${rng.pick(ADJ)} ${rng.pick(NOUN)} ${s + 1}`,
      victimIdentified: rng.chance(0.35),
      files: [],
    });
  }
  for (let i = 0; i < p.known; i++) {
    // Series sizes are skewed: a few long series, many short ones.
    const s = Math.min(p.series - 1, Math.floor(p.series * rng.float() ** 2));
    const file = makeFile(rng, files.length, 'known', s);
    series[s]!.files.push(file.id);
    files.push(file);
  }
  for (let i = 0; i < p.benign; i++) files.push(makeFile(rng, files.length, 'benign', -1));
  for (let i = 0; i < p.other; i++) files.push(makeFile(rng, files.length, 'other', -1));
  return { files, series, torrents: bundle(rng, files) };
}

/** A new-material file of a producer: in no hash set. */
export function makeNewFile(rng: Rng, id: number): CatalogueFile {
  return makeFile(rng, id, 'new', -1);
}

function makeFile(rng: Rng, id: number, kind: FileKind, seriesId: number): CatalogueFile {
  const sha1 = rng.hex(20);
  const isVideo = rng.chance(kind === 'other' ? 0.5 : 0.3);
  const size = isVideo ? rng.range(5_000_000, 700_000_000) : rng.range(40_000, 6_000_000);
  const name =
    kind === 'benign'
      ? rng.pick(BENIGN_NAMES)
      : kind === 'other'
        ? rng.pick(OTHER)
        : isVideo
          ? `${rng.pick(VIDEO)}${rng.range(1000, 9999)}.${rng.pick(['avi', 'mp4', 'wmv', 'mpg'])}`
          : `${rng.pick(PHOTO)}${rng.range(1000, 9999)}.${rng.pick(['jpg', 'JPG', 'jpeg'])}`;
  const category = kind === 'known' ? rng.pick([1, 1, 1, 1, 2, 2, 3, 4]) : null;
  return {
    id,
    kind,
    md5: rng.hex(16),
    sha1,
    sha1Base32: hexToBase32(sha1),
    ed2k: rng.hex(16),
    size,
    name,
    csvTail: flat(`${csvField(name)},${size}`),
    seriesId,
    category,
    hasEdk: kind === 'known' && rng.chance(0.4),
    torrentId: -1,
  };
}

/** Groups files of the same kind and series into torrents of 1..12 files. */
function bundle(rng: Rng, files: CatalogueFile[]): Torrent[] {
  const torrents: Torrent[] = [];
  let current: Torrent | null = null;
  let left = 0;
  let key = '';
  const ordered = [...files].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.seriesId - b.seriesId || a.id - b.id,
  );
  for (const f of ordered) {
    const k = `${f.kind}:${f.seriesId}`;
    if (!current || left === 0 || k !== key) {
      current = { id: torrents.length, btih: rng.hex(20), files: [] };
      torrents.push(current);
      left = rng.range(1, 12);
      key = k;
    }
    current.files.push(f.id);
    f.torrentId = current.id;
    left--;
  }
  return torrents;
}

/** Adds a torrent for one file (producers' new files). */
export function addSingleTorrent(rng: Rng, catalogue: Catalogue, file: CatalogueFile): void {
  const t = { id: catalogue.torrents.length, btih: rng.hex(20), files: [file.id] };
  catalogue.torrents.push(t);
  file.torrentId = t.id;
}
