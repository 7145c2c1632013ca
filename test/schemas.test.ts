import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Mapping } from '../src/contract/import.js';
import { NativeCall, NativeIncident } from '../src/contract/native.js';

// The JSON Schemas published in docs/schemas are generated from the contract; UPDATE_FIXTURES=1 writes them again.
const schemas = {
  'native-incident.schema.json': NativeIncident,
  'native-call.schema.json': NativeCall,
  'import-mapping.schema.json': Mapping,
};

function published(name: string, schema: unknown): string {
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `docs/schemas/${name}`,
    ...(schema as object),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

describe('published JSON Schemas', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`docs/schemas/${name} is the schema the code checks against`, () => {
      const path = join(import.meta.dirname, '..', 'docs', 'schemas', name);
      const expected = published(name, schema);
      if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, expected);
      expect(readFileSync(path, 'utf8')).toBe(expected);
    });
  }
});
