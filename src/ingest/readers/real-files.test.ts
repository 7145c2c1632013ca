/**
 * The readers on the real samples in the shared data beside the repository (../shared/data). Row counts and columns
 * are those the folders' READMEs give; each README's row count is checked against the table here too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll } from '../../../test/fixtures/import/read-all.js';
import { openSource } from './index.js';

const dataDir = resolve('../shared/data');

function sharedFile(folder: string, name: string): string {
  const path = join(dataDir, folder, name);
  if (!existsSync(path)) throw new Error(`missing ${path}: these tests read the shared data beside the repository`);
  return path;
}

/** A file's row count as its folder's README table gives it ("| name | 8,723 | …" or "| name | size | 148,636 | …"). */
function readmeRows(folder: string, name: string): number {
  const readme = readFileSync(sharedFile(folder, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith(`| ${name} `));
  const cells = row?.split('|').map((cell) => cell.trim()) ?? [];
  const count = cells.slice(2).find((cell) => /^\d{1,3}(,\d{3})*$/.test(cell));
  if (count === undefined) throw new Error(`no row count for ${name} in ${folder}/README.md`);
  return Number(count.replaceAll(',', ''));
}

const policeUk = ['month', 'longitude', 'latitude', 'location', 'lsoa_code'];
const samples: { file: string; rows: number; columns: string[]; delimiter: string }[] = [
  {
    file: 'cincinnati_burglary.csv.gz',
    rows: 8_723,
    columns: ['incident_no', 'offense_date', 'offense', 'longitude', 'latitude'],
    delimiter: ',',
  },
  {
    file: 'vancouver_thefts.csv.gz',
    rows: 21_918,
    columns: ['TYPE', 'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'HUNDRED_BLOCK', 'NEIGHBOURHOOD', 'X', 'Y'],
    delimiter: ',',
  },
  {
    file: 'san_francisco_robbery.csv',
    rows: 951,
    columns: ['uid', 'offense_type', 'date_time', 'longitude', 'latitude'],
    delimiter: ',',
  },
  { file: 'nyc_homicides.csv', rows: 904, columns: ['uid', 'offense_date', 'longitude', 'latitude'], delimiter: ',' },
  {
    file: 'nyc_shootings.csv',
    rows: 967,
    columns: ['incident_key', 'boro', 'occur_date', 'murder', 'longitude', 'latitude'],
    delimiter: ',',
  },
  { file: 'nottingham_burglary.csv.gz', rows: 1_795, columns: policeUk, delimiter: ',' },
  { file: 'nottingham_robbery.csv.gz', rows: 555, columns: policeUk, delimiter: ',' },
  { file: 'lancashire_asb.tab', rows: 56_434, columns: policeUk, delimiter: '\t' },
  {
    file: 'medellin_homicides.csv',
    rows: 9_360,
    columns: ['fecha_hecho', 'longitud', 'latitud', 'sexo', 'edad', 'modalidad'],
    delimiter: ';',
  },
];

describe('the crimemappingdata samples', () => {
  for (const sample of samples) {
    it(`read ${sample.file} whole: ${sample.rows} rows, its columns, no error items`, async () => {
      const path = sharedFile('crimemappingdata-samples', sample.file);
      expect(readmeRows('crimemappingdata-samples', sample.file)).toBe(sample.rows);
      const { source, records, errors } = await readAll(path);
      expect(source.format).toBe('csv');
      expect(source.delimiter).toBe(sample.delimiter);
      expect(source.columns).toEqual(sample.columns);
      expect(errors).toEqual([]);
      expect(records).toHaveLength(sample.rows);
      expect(records.at(-1)?.line).toBe(sample.rows + 1);
    });
  }

  it("keep Medellín's decimal commas as written", async () => {
    const { records } = await readAll(sharedFile('crimemappingdata-samples', 'medellin_homicides.csv'));
    expect(records[0]?.fields).toMatchObject({ longitud: '-75,56985400000', latitud: '6,25722555000' });
  });
});

describe('the Chicago aggravated assaults', () => {
  it('stream their 148,636 rows in well under 10 s, with no error items', async () => {
    const path = sharedFile('chicago-aggravated-assaults', 'chicago_aggravated_assaults.csv.gz');
    expect(readmeRows('chicago-aggravated-assaults', 'chicago_aggravated_assaults.csv.gz')).toBe(148_636);
    const started = performance.now();
    const source = await openSource(path);
    let rows = 0;
    let errors = 0;
    let lastLine = 0;
    const districts = new Set<string>();
    for await (const item of source.items) {
      if (item.kind === 'error') {
        errors++;
        continue;
      }
      rows++;
      lastLine = item.record.line;
      districts.add(String(item.record.fields.district));
    }
    await source.close();
    const seconds = (performance.now() - started) / 1000;
    expect(source.gzip).toBe(true);
    expect(source.columns).toEqual(['date', 'loc_cat', 'longitude', 'latitude', 'district']);
    expect(errors).toBe(0);
    expect(rows).toBe(148_636);
    expect(lastLine).toBe(148_637);
    expect(districts.size).toBe(23);
    expect(source.bytesRead()).toBe(source.totalBytes);
    expect(seconds).toBeLessThan(10);
  });
});
