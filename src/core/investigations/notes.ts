import type { FieldCipher } from '#core/crypto/field-cipher.port.js';

const NOTE_CONTEXT = 'case_note.body';

/** Notes are free text that may name people: sealed when a key is configured. */
export function sealNote(cipher: FieldCipher | undefined, text: string): string {
  return cipher ? cipher.seal(text, NOTE_CONTEXT) : `plain:${text}`;
}

export function openNote(cipher: FieldCipher | undefined, stored: string): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  if (!cipher) return '[sealed: no encryption key configured]';
  return cipher.open(stored, NOTE_CONTEXT);
}
