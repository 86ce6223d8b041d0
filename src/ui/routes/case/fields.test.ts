import { describe, expect, it } from 'vitest';
import {
  expiryText,
  localSeconds,
  optionalText,
  toLocalInput,
  todayUtc,
  utcInstant,
} from './fields';

describe('case form fields', () => {
  it('reads a datetime-local value as UTC, and refuses what is not one', () => {
    expect(utcInstant('2015-04-02T10:30')).toBe('2015-04-02T10:30:00.000Z');
    expect(utcInstant(' 2015-04-02T10:30:15 ')).toBe('2015-04-02T10:30:15.000Z');
    expect(utcInstant('2015-04-02')).toBeUndefined();
    expect(utcInstant('2015-13-02T10:30')).toBeUndefined();
    expect(utcInstant('')).toBeUndefined();
  });

  it('keeps a wall-clock time with zero seconds (the browser drops :00)', () => {
    expect(localSeconds('2015-04-02T10:30')).toBe('2015-04-02T10:30:00');
    expect(localSeconds('2015-04-02T10:30:15')).toBe('2015-04-02T10:30:15');
    expect(localSeconds('2015-04-02T10:30:15.250')).toBe('2015-04-02T10:30:15');
    expect(localSeconds('2015-04-02')).toBeUndefined();
  });

  it('writes an instant back as a UTC datetime-local value', () => {
    expect(toLocalInput('2015-04-02T10:30:00.000Z')).toBe('2015-04-02T10:30');
    expect(toLocalInput('2015-04-02T06:30:15-04:00')).toBe('2015-04-02T10:30:15');
    expect(toLocalInput('nonsense')).toBe('');
    expect(todayUtc(Date.parse('2026-11-23T23:59:59Z'))).toBe('2026-11-23');
  });

  it('leaves empty optional fields out', () => {
    const form = new FormData();
    form.set('a', '  ');
    form.set('b', ' x ');
    expect(optionalText(form, 'a')).toBeUndefined();
    expect(optionalText(form, 'b')).toBe('x');
    expect(optionalText(form, 'c')).toBeUndefined();
  });

  it('says how long an authority has left', () => {
    expect(expiryText(null)).toBe('no expiry');
    expect(expiryText(-1)).toBe('expired 1 day ago');
    expect(expiryText(-3)).toBe('expired 3 days ago');
    expect(expiryText(0)).toBe('expires today');
    expect(expiryText(1)).toBe('expires in 1 day');
    expect(expiryText(21)).toBe('expires in 21 days');
  });
});
