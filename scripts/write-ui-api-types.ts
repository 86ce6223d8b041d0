/** Writes src/ui/api/schema.gen.ts from the committed openapi.json (part of `npm run openapi`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { openApiToTypeScript } from './ui-api-types.js';

export const SCHEMA_GEN = new URL('../src/ui/api/schema.gen.ts', import.meta.url);

/** The generated module for the committed openapi.json, formatted as the repository formats it. */
export async function generatedUiTypes(): Promise<string> {
  const doc = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
  return format(openApiToTypeScript(doc), {
    parser: 'typescript',
    printWidth: 100,
    singleQuote: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_GEN, await generatedUiTypes());
  console.log('src/ui/api/schema.gen.ts written');
}
