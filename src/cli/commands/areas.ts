import type { Command } from 'commander';
import { areaLevels, type AreaLevel } from '../../domain/area.js';
import { importAreaFile } from '../../ingest/import-areas.js';
import { findAreaByCode, insertAreas, listAreas } from '../../store/areas.js';
import { n, output, UsageError, withDatabase } from '../context.js';

function level(value: string): AreaLevel {
  if (!(areaLevels as readonly string[]).includes(value)) {
    throw new UsageError(`--level: expected one of ${areaLevels.join(', ')}`);
  }
  return value as AreaLevel;
}

function timeZone(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new UsageError(`--time-zone: not a time zone: ${value}`);
  }
  return value;
}

export function areasCommand(program: Command): void {
  const areas = program.command('areas').description('The area hierarchy: list areas, add one, import boundaries');

  areas
    .command('list')
    .description('List areas, by level or parent')
    .option('--level <level>', areaLevels.join(', '))
    .option('--parent <code>', 'the parent area')
    .option('--json', 'print as JSON')
    .action(async (options: { level?: string; parent?: string; json?: boolean }) => {
      await withDatabase(async (db) => {
        const parent = options.parent === undefined ? undefined : await findAreaByCode(db, options.parent);
        if (options.parent !== undefined && !parent) {
          throw new UsageError(`--parent: no area with code ${options.parent}`);
        }
        const rows = await listAreas(db, {
          ...(options.level === undefined ? {} : { level: level(options.level) }),
          ...(parent ? { parentId: parent.id } : {}),
        });
        output(Boolean(options.json), rows, () =>
          rows
            .map(
              (a) =>
                `${a.code.padEnd(18)} ${a.level.padEnd(26)} ${a.nameFr} / ${a.nameAr}${a.population === null ? '' : ` — ${n(a.population)}`}`,
            )
            .join('\n'),
        );
      });
    });

  areas
    .command('add <code>')
    .description('Add an area without a boundary (for example a city whose districts are imported next)')
    .requiredOption('--level <level>', areaLevels.join(', '))
    .requiredOption('--name <name>', 'name (French or the local language)')
    .option('--name-ar <name>', 'Arabic name (default: --name)')
    .option('--name-en <name>', 'English name, where it differs')
    .option('--parent <code>', 'the parent area (default: none, a new root)')
    .option('--population <number>', 'population, for rates per 100,000')
    .option('--time-zone <zone>', 'zone of its local days (default: the parent’s, else Africa/Casablanca)')
    .option('--json', 'print the area as JSON')
    .action(
      async (
        code: string,
        options: {
          level: string;
          name: string;
          nameAr?: string;
          nameEn?: string;
          parent?: string;
          population?: string;
          timeZone?: string;
          json?: boolean;
        },
      ) => {
        if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) {
          throw new UsageError('code: letters, digits, dots, dashes and underscores');
        }
        const population = options.population === undefined ? null : Number(options.population);
        if (population !== null && !(Number.isInteger(population) && population >= 0)) {
          throw new UsageError('--population: a whole number');
        }
        await withDatabase(async (db) => {
          if (await findAreaByCode(db, code)) throw new UsageError(`area ${code} exists already`);
          const parent = options.parent === undefined ? undefined : await findAreaByCode(db, options.parent);
          if (options.parent !== undefined && !parent) {
            throw new UsageError(`--parent: no area with code ${options.parent}`);
          }
          await insertAreas(
            db,
            [
              {
                code,
                level: level(options.level),
                kind: 'imported',
                parentCode: parent?.code ?? null,
                nameAr: options.nameAr ?? options.name,
                nameFr: options.name,
                nameEn: options.nameEn ?? null,
                population,
                isoCode: null,
                synthetic: false,
                boundarySource: 'none',
                centroid: null,
                geometry: null,
              },
            ],
            timeZone(options.timeZone) ?? parent?.timeZone ?? 'Africa/Casablanca',
          );
          const area = await findAreaByCode(db, code);
          output(Boolean(options.json), area, () => `Added ${code} (${options.level}) ${options.name}`);
        });
      },
    );

  areas
    .command('import <file>')
    .description(
      'Import boundaries (GeoJSON, KML or shapefile) as areas under a parent; features sharing a code become one area',
    )
    .requiredOption('--level <level>', areaLevels.join(', '))
    .requiredOption('--code-field <name>', 'the property holding each area’s code')
    .requiredOption('--name-field <name>', 'the property holding its name')
    .option('--parent <code>', 'the parent area (default: none, new roots)')
    .option('--prefix <text>', 'prepended to every code (chicago- gives chicago-07)')
    .option('--pad <digits>', 'left-pad numeric codes with zeros to this many digits')
    .option('--name-ar-field <name>', 'the property holding the Arabic name')
    .option('--name-en-field <name>', 'the property holding the English name')
    .option('--population-field <name>', 'the property holding the population')
    .option('--time-zone <zone>', 'zone of their local days (default: the parent’s)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        options: {
          level: string;
          codeField: string;
          nameField: string;
          parent?: string;
          prefix?: string;
          pad?: string;
          nameArField?: string;
          nameEnField?: string;
          populationField?: string;
          timeZone?: string;
          json?: boolean;
        },
      ) => {
        const pad = options.pad === undefined ? undefined : Number(options.pad);
        if (pad !== undefined && !(Number.isInteger(pad) && pad >= 1 && pad <= 12)) {
          throw new UsageError('--pad: 1 to 12');
        }
        await withDatabase(async (db) => {
          let result;
          try {
            result = await importAreaFile(
              db,
              file,
              {
                level: level(options.level),
                parentCode: options.parent ?? null,
                codeField: options.codeField,
                nameField: options.nameField,
                ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
                ...(pad === undefined ? {} : { pad }),
                ...(options.nameArField === undefined ? {} : { nameArField: options.nameArField }),
                ...(options.nameEnField === undefined ? {} : { nameEnField: options.nameEnField }),
                ...(options.populationField === undefined ? {} : { populationField: options.populationField }),
              },
              timeZone(options.timeZone),
            );
          } catch (error) {
            if (error instanceof RangeError) throw new UsageError(error.message);
            throw error;
          }
          output(Boolean(options.json), result, () =>
            [
              `${file}: ${n(result.read)} areas read, ${n(result.added)} added, ${n(result.existing)} already there`,
              ...result.errors.map((e) => `  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}`),
            ].join('\n'),
          );
        });
      },
    );
}
