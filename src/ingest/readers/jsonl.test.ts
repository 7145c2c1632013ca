import { describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { lines } from './jsonl.js';

describe('JSON lines', () => {
  it('give each object its top-level properties as fields, nested values as JSON text', async () => {
    const { records } = await readAll(fixture('incidents.jsonl'));
    expect(records[0]).toEqual({
      line: 1,
      fields: {
        id: 1,
        type: 'سرقة',
        city: 'الدار البيضاء',
        at: '2024-03-01T22:15:00Z',
        lon: -7.6192,
        lat: 33.5731,
        tags: '["night","street"]',
        victim: '{"age":34}',
      },
      geometry: null,
    });
  });

  it('take a GeoJSON geometry member as the geometry, and leave any other geometry member a field', async () => {
    const { records } = await readAll(fixture('incidents.jsonl'));
    expect(records[1]).toEqual({
      line: 3,
      fields: { id: 2, type: "Vol à l'arraché", verified: true, note: null },
      geometry: { type: 'Point', coordinates: [-6.8498, 34.0209] },
    });
    expect(records[2]).toEqual({ line: 6, fields: { id: 3, geometry: 'POINT(-5.0003 34.0331)' }, geometry: null });
  });

  it('read a GeoJSON Feature on a line as its properties and geometry', async () => {
    const { records } = await readAll(fixture('incidents.jsonl'));
    expect(records[3]).toEqual({
      line: 7,
      fields: { id: 4, type: 'Agression' },
      geometry: { type: 'Point', coordinates: [-5.0003, 34.0331] },
    });
  });

  it('make error items of lines that are not JSON objects or have a malformed geometry, and skip blank lines', async () => {
    const { items, errors } = await readAll(fixture('incidents.jsonl'));
    expect(items).toHaveLength(8);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [4, undefined],
      [5, undefined],
      [8, 'geometry'],
      [9, undefined],
    ]);
    expect(errors[0]?.reason).toMatch(/^not valid JSON/);
    expect(errors[1]?.reason).toBe('a JSON array, not an object');
    expect(errors[2]?.reason).toBe('the geometry is a Point with malformed coordinates');
  });
});

describe('lines', () => {
  it('numbers lines split across chunks and drops their LF or CRLF ends', async () => {
    async function* chunks() {
      yield '{"a":1}\r\n{"b"';
      yield ':2}\n\n';
      yield '{"c":3}';
    }
    const seen: { line: number; content: string }[] = [];
    for await (const line of lines('x.jsonl', chunks())) seen.push(line);
    expect(seen).toEqual([
      { line: 1, content: '{"a":1}' },
      { line: 2, content: '{"b":2}' },
      { line: 3, content: '' },
      { line: 4, content: '{"c":3}' },
    ]);
  });
});
