/**
 * Whether a JSON object text repeats a key at its top level (JSON.parse would keep the last one
 * silently). Scans strings and nesting only; the text has already parsed as JSON.
 */
export function hasDuplicateTopLevelKey(text: string): boolean {
  const keys = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const token = text.slice(i, j + 1);
      i = j;
      if (depth === 1 && /^\s*:/.test(text.slice(j + 1, j + 40))) {
        const key = JSON.parse(token) as string;
        if (keys.has(key)) return true;
        keys.add(key);
      }
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return false;
}
