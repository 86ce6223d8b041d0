import { describe, expect, it } from 'vitest';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { LeadPackage } from './lead-package.js';
import { freezePackage, openPackage, sha256Hex } from './referral-package.js';

/** A reversible stand-in for the AES-GCM adapter that binds the context like the real one. */
const fakeCipher: FieldCipher = {
  keyId: 'test',
  seal: (text, context) => `v1.${Buffer.from(`${context}|${text}`).toString('base64')}`,
  open: (envelope, context) => {
    const plain = Buffer.from(envelope.slice(3), 'base64').toString();
    if (!plain.startsWith(`${context}|`)) throw new Error('wrong context');
    return plain.slice(context.length + 1);
  },
};

// Integer-like keys come first once parsed: the frozen text must already be in that order.
const pkg = {
  format: 'vigil.lead-package/1',
  case: { reference: 'C-2026-0001', title: 'Zoë ✓ "quoted"' },
  subjects: [{ score: { explanation: { b: 1, '10': 2, a: [0.1, -0, 1e21] } } }],
} as unknown as LeadPackage;

describe(freezePackage.name, () => {
  it('stores a text that parsing and serialising again reproduces, with its SHA-256', () => {
    for (const cipher of [undefined, fakeCipher]) {
      const frozen = freezePackage(pkg, cipher);
      const { text, pkg: opened } = openPackage(frozen, cipher);
      expect(JSON.stringify(opened)).toBe(text);
      expect(JSON.stringify(JSON.parse(text))).toBe(text);
      expect(sha256Hex(text)).toBe(frozen.sha256);
      expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"b"'));
    }
  });

  it('seals the text when a key is configured, and keeps it plain only without one', () => {
    expect(freezePackage(pkg, fakeCipher).sealed).toMatch(/^v1\./);
    expect(freezePackage(pkg, undefined).sealed).toMatch(/^plain:\{/);
  });

  it('refuses a stored package whose text no longer matches its SHA-256', () => {
    const frozen = freezePackage(pkg, undefined);
    const altered = { ...frozen, sealed: frozen.sealed.replace('C-2026-0001', 'C-2026-0002') };
    expect(() => openPackage(altered, undefined)).toThrow(/does not match its SHA-256/);
  });
});
