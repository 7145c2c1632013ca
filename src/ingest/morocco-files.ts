import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AreaRecord } from '../domain/area.js';
import { buildMoroccoAreas, type CsvRow, type MoroccoSources, type ShapeCollection } from '../geo/morocco.js';
import { geoDir } from '../paths.js';

/** Reads Morocco's shipped geography (`geo/morocco/`) and builds the area hierarchy from it. */
export async function readMoroccoAreas(dir: string = join(geoDir, 'morocco')): Promise<AreaRecord[]> {
  const csv = async (name: string) =>
    parse<CsvRow>(await readFile(join(dir, name), 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
  const json = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8')) as ShapeCollection;
  const sources: MoroccoSources = {
    regions: await csv('regions.csv'),
    provinces: await csv('provinces.csv'),
    cities: await csv('cities.csv'),
    arrondissements: await csv('arrondissements.csv'),
    regionShapes: await json('regions.geojson'),
    provinceShapes: await json('provinces.geojson'),
    arrondissementShapes: await json('arrondissements.geojson'),
  };
  return buildMoroccoAreas(sources);
}
