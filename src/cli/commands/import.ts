import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImportSummary } from '../../contract/import.js';
import { ensureMoroccoGeography } from '../../ingest/geography.js';
import { ImportSetupError, SourceReadError, importFile } from '../../ingest/import/run-import.js';
import { presets } from '../../ingest/import/presets.js';
import { sourceEncodings, sourceFormats, type SourceEncoding, type SourceFormat } from '../../ingest/readers/types.js';
import { audit, importRecord } from '../../store/audit.js';
import { n, output, UsageError, withDatabase } from '../context.js';
import { cliActor } from './audit.js';
import { progressReporter } from '../progress.js';

interface ImportCliOptions {
  kind?: string;
  preset?: string;
  mapping?: string;
  source?: string;
  format?: string;
  encoding?: string;
  delimiter?: string;
  update?: boolean;
  strict?: boolean;
  dryRun?: boolean;
  errors?: string;
  json?: boolean;
  listPresets?: boolean;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function describe(summary: ImportSummary): string {
  const lines = [
    `${summary.file}: ${n(summary.rows)} rows read (${summary.format}, ${summary.encoding}) in ${summary.seconds} s, ${n(summary.rowsPerSecond)} rows/s${summary.dryRun ? ' — dry run, nothing written' : ''}`,
    `  ${summary.dryRun ? 'would insert' : 'inserted'} ${n(summary.inserted)}, duplicates ${n(summary.duplicates)}, updated ${n(summary.updated)}, rejected ${n(summary.rejected)} (source ${summary.source})`,
  ];
  const unmapped = Object.entries(summary.unmappedCategories);
  if (unmapped.length > 0) {
    lines.push(
      `  categories not in the mapping, counted as their default or "other": ${unmapped.map(([c, k]) => `${c} (${n(k)})`).join(', ')}`,
    );
  }
  for (const error of summary.errors.slice(0, 10)) {
    lines.push(`  line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.reason}`);
  }
  if (summary.rejected > 10) {
    lines.push(`  … ${n(summary.rejected - 10)} more rejected rows (--errors FILE lists them all)`);
  }
  return lines.join('\n');
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import incidents or calls for service from files (CSV/TSV, JSON lines, GeoJSON, KML; gzip; UTF-8, Windows-1256, Latin-1). ' +
        'Re-importing adds nothing; every rejected row is reported with its line and reason. See docs/import.md',
    )
    .argument('[files...]', 'the files to import')
    .option('--kind <kind>', 'incidents or calls (checked against the mapping)')
    .option('--preset <name>', 'a ready-made mapping (--list-presets shows them)')
    .option('--mapping <file>', 'a mapping document (JSON; docs/import.md)')
    .option('--source <name>', 'the source name recorded with every row (default: the mapping’s)')
    .option('--format <format>', `${sourceFormats.join(', ')} (default: detected)`)
    .option('--encoding <encoding>', `${sourceEncodings.join(', ')} (default: detected)`)
    .option('--delimiter <character>', 'CSV delimiter (default: sniffed)')
    .option('--update', 'rewrite records whose content changed since they were imported')
    .option('--strict', 'reject rows whose category the mapping does not name')
    .option('--dry-run', 'read and check everything, write nothing')
    .option('--errors <file>', 'write every rejected row (file, line, column, reason) to a CSV file')
    .option('--json', 'print the summary as JSON')
    .option('--list-presets', 'list the presets and exit')
    .action(async (files: string[], options: ImportCliOptions) => {
      if (options.listPresets) {
        output(
          Boolean(options.json),
          presets.map((p) => ({ name: p.name, kind: p.mapping.kind, description: p.description })),
          () => presets.map((p) => `${p.name.padEnd(30)} ${p.description}`).join('\n'),
        );
        return;
      }
      if (files.length === 0) throw new UsageError('name at least one file to import');
      if (options.kind !== undefined && options.kind !== 'incidents' && options.kind !== 'calls') {
        throw new UsageError(`--kind: expected incidents or calls, got ${options.kind}`);
      }
      if (options.format !== undefined && !(sourceFormats as readonly string[]).includes(options.format)) {
        throw new UsageError(`--format: expected one of ${sourceFormats.join(', ')}`);
      }
      if (options.encoding !== undefined && !(sourceEncodings as readonly string[]).includes(options.encoding)) {
        throw new UsageError(`--encoding: expected one of ${sourceEncodings.join(', ')}`);
      }
      let mapping: unknown;
      if (options.mapping !== undefined) {
        try {
          mapping = JSON.parse(await readFile(options.mapping, 'utf8'));
        } catch (error) {
          throw new UsageError(`--mapping: cannot read ${options.mapping}: ${(error as Error).message}`);
        }
      }
      let errorsFile: WriteStream | null = null;
      if (options.errors !== undefined) {
        errorsFile = createWriteStream(options.errors);
        errorsFile.write('file,line,column,reason\n');
      }
      const summaries: ImportSummary[] = [];
      let unreadable = 0;
      try {
        await withDatabase(async (db) => {
          // Records are placed among every known area, Morocco's included.
          await ensureMoroccoGeography(db);
          for (const file of files) {
            const progress = progressReporter();
            try {
              const summary = await importFile(db, file, {
                ...(options.preset === undefined ? {} : { preset: options.preset }),
                ...(mapping === undefined ? {} : { mapping }),
                ...(options.kind === undefined ? {} : { kind: options.kind as 'incidents' | 'calls' }),
                ...(options.source === undefined ? {} : { source: options.source }),
                ...(options.format === undefined ? {} : { format: options.format as SourceFormat }),
                ...(options.encoding === undefined ? {} : { encoding: options.encoding as SourceEncoding }),
                ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
                update: Boolean(options.update),
                strict: Boolean(options.strict),
                dryRun: Boolean(options.dryRun),
                onProgress: (p) =>
                  progress({ phase: 'importing', done: p.bytesRead, total: p.totalBytes, unit: 'bytes', rows: p.rows }),
                onError: (e) =>
                  errorsFile?.write(`${csvCell(file)},${e.line},${csvCell(e.column ?? '')},${csvCell(e.reason)}\n`),
              });
              progress.stop();
              summaries.push(summary);
              if (!summary.dryRun) {
                await audit(db, {
                  actor: cliActor(),
                  action: 'import.run',
                  target: { kind: 'file', id: file },
                  details: importRecord(summary),
                });
              }
              if (!options.json) process.stdout.write(`${describe(summary)}\n`);
            } catch (error) {
              progress.stop();
              if (error instanceof ImportSetupError) throw new UsageError(error.message);
              if (!(error instanceof SourceReadError)) throw error;
              unreadable++;
              process.stderr.write(`istibaq: ${file}: could not be read: ${error.message}\n`);
            }
          }
        });
      } finally {
        if (errorsFile) await new Promise<void>((resolve) => errorsFile?.end(resolve));
      }
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify(files.length === 1 && summaries[0] ? summaries[0] : summaries, null, 2)}\n`,
        );
      }
      if (unreadable > 0) process.exitCode = 1;
    });
}
