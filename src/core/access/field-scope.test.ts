import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors.js';
import { caseFieldScope, DEFAULT_CASE_FIELDS, intersectFields } from './field-scope.js';

describe(caseFieldScope.name, () => {
  it('gives the default scope, without identities and notes, when none is named', () => {
    expect(caseFieldScope(undefined, 'fieldScope')).toEqual(DEFAULT_CASE_FIELDS);
    expect(DEFAULT_CASE_FIELDS).not.toContain('identities');
    expect(DEFAULT_CASE_FIELDS).not.toContain('notes');
  });

  it('always adds summary, drops duplicates and keeps the vocabulary order', () => {
    expect(caseFieldScope([], 'fieldScope')).toEqual(['summary']);
    expect(caseFieldScope(['notes', 'identities', 'notes'], 'fieldScope')).toEqual([
      'summary',
      'identities',
      'notes',
    ]);
  });

  it('refuses an unknown word, naming it at the given path', () => {
    let error: unknown;
    try {
      caseFieldScope(['subjects', 'ssn'], 'share.fieldScope');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      expect.objectContaining({ path: 'share.fieldScope', reason: expect.stringMatching(/^ssn /) }),
    ]);
  });

  it('never widens a scope by intersection', () => {
    const visible = new Set(caseFieldScope(['evidence'], 'x'));
    expect([...intersectFields(visible, ['identities', 'evidence', 'summary'])]).toEqual([
      'evidence',
      'summary',
    ]);
  });
});
