import { describe, expect, it } from 'vitest';
import { canonicalHash } from './hash.js';

const SHA1_ABC = 'a9993e364706816aba3e25717850c26c9cd0d89d';
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe(canonicalHash.name, () => {
  it.each([
    ['sha1', 'VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5', SHA1_ABC],
    ['sha1', 'vgmt4nsha2awvor6evyxqugcnsonbwe5', SHA1_ABC],
    ['sha1', '3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['sha1', SHA1_ABC.toUpperCase(), SHA1_ABC],
    ['btih', 'VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5', SHA1_ABC],
    ['btmh', `1220${SHA256_ABC}`, SHA256_ABC],
    ['btmh', SHA256_ABC, SHA256_ABC],
    ['sha256', SHA256_ABC.toUpperCase(), SHA256_ABC],
    ['md5', '900150983CD24FB0D6963F7D28E17F72', '900150983cd24fb0d6963f7d28e17f72'],
    ['ed2k', 'a448017aaf21d8525fc10ae87aa6729d', 'a448017aaf21d8525fc10ae87aa6729d'],
  ] as const)('normalises %s %s', (type, input, hex) => {
    expect(canonicalHash(type, input)).toEqual({ ok: true, hex });
  });

  it.each([
    ['md5', SHA1_ABC],
    ['sha1', '900150983cd24fb0d6963f7d28e17f72'],
    ['sha256', SHA1_ABC],
    ['btmh', `1320${SHA256_ABC}`],
    ['md5', 'zz0150983cd24fb0d6963f7d28e17f72'],
    ['md5', ' 900150983cd24fb0d6963f7d28e17f72'],
    ['ed2k', 'VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5'],
    ['sha1', ''],
  ] as const)('rejects %s %s', (type, input) => {
    expect(canonicalHash(type, input).ok).toBe(false);
  });
});
