import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootDir } from '../src/paths.js';

/**
 * The real data sets beside the repository (`../shared/data`, each folder with a README). Tests that need them fail
 * with the missing path rather than skip: a run without them has not checked what it claims to.
 */
export const sharedDataDir = join(rootDir, '..', 'shared', 'data');

export function sharedFile(folder: string, name: string): string {
  const path = join(sharedDataDir, folder, name);
  if (!existsSync(path)) {
    throw new Error(`missing ${path}: these tests read the real data sets in ../shared/data beside the repository`);
  }
  return path;
}

/** A file's data rows as its folder's README table gives them ("| name | 8,723 | …" or "| name | size | 148,636 | …"). */
export function readmeRows(folder: string, name: string): number {
  const readme = readFileSync(sharedFile(folder, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith(`| ${name} `));
  const cells = (line ?? '').split('|').map((cell) => cell.trim());
  // The first cell after the name that is a count; a size in bytes carries its unit.
  const rows = cells.slice(2).find((cell) => /^\d{1,3}(,\d{3})*$/.test(cell));
  if (rows === undefined) throw new Error(`no row count for ${name} in ${folder}/README.md`);
  return Number(rows.replaceAll(',', ''));
}
