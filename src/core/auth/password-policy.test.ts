import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, codePointLength } from './password-policy.js';

describe(assertAcceptablePassword.name, () => {
  it.each(['Password1!', 'password', 'P@ssw0rd', 'qwerty123', '12345678', 'Welcome1!!'])(
    'rejects the common password %s',
    (pw) => {
      expect(() => assertAcceptablePassword(pw, [])).toThrow(/common or breached/);
    },
  );

  it('rejects passwords shorter than 8 characters and ones containing context words', () => {
    expect(() => assertAcceptablePassword('short', [])).toThrow(/shorter than 8/);
    expect(() => assertAcceptablePassword('my name is jsmith ok', ['jsmith'])).toThrow(/username/);
    expect(() => assertAcceptablePassword('vigil is my login', [])).toThrow(/service name/);
  });

  it('has no composition rules and accepts long Unicode passphrases', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple', [])).not.toThrow();
    const unicode =
      'Ünïcödé pàsspħrasé — 東京の夜に歩く猫は静かに月を見上げている, ça va très bien, mérci 🙂';
    expect(codePointLength(unicode)).toBeGreaterThanOrEqual(64);
    expect(() => assertAcceptablePassword(unicode, [])).not.toThrow();
  });
});
