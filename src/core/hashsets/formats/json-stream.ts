import { Tokenizer, TokenizerError, TokenType } from '@streamparser/json';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';

/** A JSON number kept as written, so 64-bit ids (VICS MediaID) lose no digits. */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };
export type JsonPath = Array<string | number>;

/** What the stream yields: completed records, and the top-level members (the envelope). */
export type JsonEvent =
  | { kind: 'record'; path: JsonPath; value: JsonValue; offset: number }
  | { kind: 'key'; key: string; offset: number }
  | { kind: 'member'; key: string; value: JsonValue; offset: number };

type Expect = 'keyOrEnd' | 'key' | 'colon' | 'value' | 'valueOrEnd' | 'commaOrEnd';
type Frame =
  | {
      kind: 'object';
      value: JsonObject;
      keys: Set<string>;
      key: string;
      expect: Expect;
      path: JsonPath;
    }
  | { kind: 'array'; value: JsonValue[]; index: number; expect: Expect; path: JsonPath };

/** Keys that would reach Object.prototype in a naive consumer: refused outright. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;
/** No field of a hash set is this long; a longer string is content, refused before it is buffered whole. */
export const MAX_JSON_STRING = 1024 * 1024;

class RawNumberTokenizer extends Tokenizer {
  protected override parseNumber(numberStr: string): number {
    // Kept as text: the value is wrapped in a JsonNumber by the assembler.
    return numberStr as unknown as number;
  }
}

/** `$.value[3].MD5` for error messages. */
export function formatPath(path: JsonPath): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

/**
 * Streams strict JSON (RFC 8259; the tokenizer refuses JSON5 comments, quotes, NaN, hex, and the
 * grammar here refuses trailing commas) and yields every value whose path `isRecordPath` accepts
 * as soon as it is complete, without keeping it; memory stays bounded by one record. Duplicate
 * keys and `__proto__`/`constructor`/`prototype` keys are file-level errors, as is truncation.
 */
export async function* streamJson(
  input: AsyncIterable<Uint8Array>,
  isRecordPath: (path: JsonPath) => boolean,
): AsyncIterable<JsonEvent> {
  const stack: Frame[] = [];
  const out: JsonEvent[] = [];
  let done = false;
  // Partial tokens let an over-long string be refused while it is still arriving.
  const tokenizer = new RawNumberTokenizer({ emitPartialTokens: true });
  let tokenError: unknown;
  tokenizer.onError = (error) => void (tokenError ??= error);

  const pathHere = (): JsonPath => {
    const top = stack.at(-1);
    if (!top) return [];
    if (top.kind === 'array') return [...top.path, top.index];
    // Between members the position is the object itself, not its last key.
    return top.expect === 'colon' || top.expect === 'value' ? [...top.path, top.key] : top.path;
  };

  const complete = (value: JsonValue, offset: number) => {
    const top = stack.at(-1);
    if (!top) {
      done = true;
      return;
    }
    const path = pathHere();
    const isRecord = isRecordPath(path);
    if (isRecord) out.push({ kind: 'record', path, value, offset });
    if (top.kind === 'object') {
      if (!isRecord) top.value[top.key] = value;
      if (stack.length === 1) out.push({ kind: 'member', key: top.key, value, offset });
    } else {
      if (!isRecord) top.value.push(value);
      top.index++;
    }
    top.expect = 'commaOrEnd';
  };

  const onValueStart = (offset: number) => {
    if (done) fail('unexpected data after the JSON document', [], offset);
    const top = stack.at(-1);
    if (top && top.expect !== 'value' && top.expect !== 'valueOrEnd') {
      fail(`expected ${describe(top.expect)}`, pathHere(), offset);
    }
  };

  tokenizer.onToken = ({ token, value, offset, partial }) => {
    if (token === TokenType.STRING && (value as string).length > MAX_JSON_STRING) {
      tooLong(value as string, pathHere(), offset);
    }
    if (partial) return;
    const top = stack.at(-1);
    if (
      token === TokenType.STRING &&
      top?.kind === 'object' &&
      (top.expect === 'key' || top.expect === 'keyOrEnd')
    ) {
      const key = value as string;
      if (POISON_KEYS.has(key)) fail(`forbidden key "${key}"`, [...top.path, key], offset);
      if (top.keys.has(key)) fail(`duplicate key "${key}"`, [...top.path, key], offset);
      top.keys.add(key);
      top.key = key;
      top.expect = 'colon';
      if (stack.length === 1) out.push({ kind: 'key', key, offset });
      return;
    }
    switch (token) {
      case TokenType.COLON:
        if (top?.kind !== 'object' || top.expect !== 'colon') {
          fail('unexpected ":"', pathHere(), offset);
        }
        top!.expect = 'value';
        return;
      case TokenType.COMMA:
        if (!top || top.expect !== 'commaOrEnd') fail('unexpected ","', pathHere(), offset);
        top!.expect = top!.kind === 'object' ? 'key' : 'value';
        return;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET: {
        const wanted = token === TokenType.RIGHT_BRACE ? 'object' : 'array';
        if (
          !top ||
          top.kind !== wanted ||
          (top.expect !== 'commaOrEnd' && top.expect !== 'keyOrEnd' && top.expect !== 'valueOrEnd')
        ) {
          fail(
            `unexpected "${token === TokenType.RIGHT_BRACE ? '}' : ']'}" (a trailing comma?)`,
            pathHere(),
            offset,
          );
        }
        stack.pop();
        complete(top!.value, offset);
        return;
      }
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET: {
        onValueStart(offset);
        if (stack.length >= MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH}`, pathHere(), offset);
        const path = pathHere();
        stack.push(
          token === TokenType.LEFT_BRACE
            ? {
                kind: 'object',
                value: Object.create(null) as JsonObject,
                keys: new Set(),
                key: '',
                expect: 'keyOrEnd',
                path,
              }
            : { kind: 'array', value: [], index: 0, expect: 'valueOrEnd', path },
        );
        return;
      }
      case TokenType.SEPARATOR:
        return;
      case TokenType.TRUE:
      case TokenType.FALSE:
      case TokenType.NULL:
      case TokenType.STRING:
      case TokenType.NUMBER:
        onValueStart(offset);
        complete(
          token === TokenType.NUMBER
            ? new JsonNumber(value as unknown as string)
            : (value as string | boolean | null),
          offset,
        );
    }
  };

  const rethrow = (error: unknown): never => {
    if (error instanceof ValidationError) throw error;
    const reason =
      error instanceof TokenizerError || error instanceof Error ? error.message : String(error);
    throw new ValidationError(`invalid JSON: ${reason}`, [
      { path: formatPath(pathHere()), reason },
    ]);
  };

  for await (const chunk of input) {
    try {
      tokenizer.write(chunk);
    } catch (error) {
      rethrow(error);
    }
    if (tokenError) rethrow(tokenError);
    yield* out.splice(0);
  }
  try {
    tokenizer.end();
  } catch (error) {
    rethrow(error);
  }
  if (tokenError) rethrow(tokenError);
  yield* out.splice(0);
  if (!done) {
    const where = formatPath(pathHere());
    throw new ValidationError(`truncated JSON: the document ends inside ${where}`, [
      { path: where, reason: 'truncated: the file ends before the JSON document closes' },
    ]);
  }
}

function fail(reason: string, path: JsonPath, offset: number): never {
  const where = `${formatPath(path)} (byte ${offset})`;
  throw new ValidationError(`invalid JSON at ${where}: ${reason}`, [{ path: where, reason }]);
}

function tooLong(value: string, path: JsonPath, offset: number): never {
  const where = `${formatPath(path)} (byte ${offset})`;
  const reason = `a string over ${MAX_JSON_STRING} bytes`;
  // A megabyte of base64 or a data: URI is imagery; anything else that long is still not a hash.
  if (/^(data:|[A-Za-z0-9+/=\s]+$)/.test(value.slice(0, 4096))) {
    throw new ForbiddenContentError(`${where}: ${reason} of encoded content`, [
      { path: where, reason },
    ]);
  }
  throw new ValidationError(`invalid hash set at ${where}: ${reason}`, [{ path: where, reason }]);
}

function describe(expect: Expect): string {
  return expect === 'commaOrEnd'
    ? '"," or a closing bracket'
    : expect === 'colon'
      ? '":"'
      : 'a key';
}
