import { decodeXmlText } from './xml-safety.js';

/** A document-level rejection: the JSON-ish path of the bad element and why. */
export class DocumentProblem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export type Node = Record<string, unknown>;

/** Reads a parsed element as an object, refusing unknown children (strict schema). */
export function element(value: unknown, path: string, known: readonly string[]): Node {
  if (value === '' || value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DocumentProblem(
      path,
      Array.isArray(value) ? 'element repeated where one is allowed' : 'expected child elements',
    );
  }
  for (const key of Object.keys(value)) {
    if (key.startsWith('@_xmlns') || key.startsWith('@_xsi:')) continue;
    if (!known.includes(key)) {
      throw new DocumentProblem(`${path}/${key}`, 'unknown element or attribute');
    }
  }
  return value as Node;
}

/** The text of an optional singleton element (attributes allowed via `#text`). */
export function text(node: Node, name: string, path: string): string | null {
  const value = node[name];
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    throw new DocumentProblem(`${path}/${name}`, 'element repeated where one is allowed');
  }
  const raw = typeof value === 'object' && value !== null ? (value as Node)['#text'] : value;
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string') throw new DocumentProblem(`${path}/${name}`, 'expected text');
  try {
    return decodeXmlText(raw);
  } catch (error) {
    throw new DocumentProblem(`${path}/${name}`, (error as Error).message);
  }
}

/** The text of a required singleton element. */
export function requiredText(node: Node, name: string, path: string): string {
  const value = text(node, name, path);
  if (value === null) throw new DocumentProblem(`${path}/${name}`, 'required');
  return value;
}

/** Elements declared as lists (see ARRAYS in xml-safety.ts). */
export function list(node: Node, name: string): unknown[] {
  const value = node[name];
  return Array.isArray(value) ? value : [];
}

/** A strict XML boolean: exactly `true` or `false` (a silent wrong default would be dangerous). */
export function bool(value: string | null, path: string): boolean | null {
  if (value === null) return null;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new DocumentProblem(path, `not a boolean (true or false): ${value.slice(0, 20)}`);
}

/** A list of texts (e.g. emails, display names), attributes dropped except `verified`. */
export function texts(
  node: Node,
  name: string,
  path: string,
): Array<{ value: string; verified: boolean | null }> {
  return list(node, name).map((item, i) => {
    const p = `${path}/${name}[${i}]`;
    const holder = { v: item } as Node;
    const value = requiredText(holder, 'v', p);
    const verified =
      typeof item === 'object' && item !== null
        ? ((item as Node)['@_verified'] as string | undefined)
        : undefined;
    return { value, verified: bool(verified ?? null, `${p}/@verified`) };
  });
}
