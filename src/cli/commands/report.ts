import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BriefWeekError, meetingBrief } from '../../analysis/brief.js';
import { briefLanguages, type Brief, type BriefLanguage } from '../../contract/brief.js';
import { demoInfo } from '../../ingest/demo.js';
import { briefHtml } from '../../report/brief-html.js';
import { briefFontFaces } from '../../report/fonts.js';
import { ChromiumMissingError, htmlToPdf } from '../../report/pdf.js';
import { areaSummary } from '../../server/area-access.js';
import { findAreaByCode } from '../../store/areas.js';
import { audit } from '../../store/audit.js';
import { unrestricted } from '../../store/scope.js';
import { UsageError, withDatabase } from '../context.js';
import { cliActor } from './audit.js';

interface Options {
  area?: string;
  week?: string;
  lang: string;
  pdf?: string;
  html?: string;
  json?: boolean;
}

/** A few lines on what the brief holds, for the terminal. */
function summaryText(brief: Brief, written: string[]): string {
  const total = brief.compstat.total;
  return [
    `Meeting brief — ${brief.area.nameFr} (${brief.area.code}), week ${brief.week} (${brief.weekFrom} to ${brief.weekTo})` +
      `${brief.weekComplete ? '' : `, data up to ${brief.asOf}`}${brief.synthetic ? ' — synthetic demo data' : ''}`,
    `  CompStat: ${total.weekToDate.incidents} incidents this week, ${total.days28.incidents} in 28 days, ` +
      `${total.yearToDate.incidents} this year`,
    `  alerts this week: ${brief.alertsTotal}; active plans: ${brief.followUp.plans.length}; ` +
      `open actions: ${brief.followUp.openActions.length} (${brief.followUp.lateActions.length} late); ` +
      `submissions: ${brief.followUp.submissions.length}`,
    ...written.map((w) => `  written: ${w}`),
  ].join('\n');
}

export function reportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'The CompStat meeting brief of an area for a week (CompStat table, trends, alerts, plan progress, open and ' +
        'late actions, submissions) as PDF, HTML or JSON',
    )
    .option('--area <code>', 'the area (required), e.g. 06 for a region or MA for the whole country')
    .option('--week <week>', 'the ISO week, e.g. 2026-W47 (default: the week of the latest day with data)')
    .option('--lang <lang>', `the document's language: ${briefLanguages.join(', ')}`, 'ar')
    .option('--pdf <file>', 'write the brief as PDF (printed by Chromium; ISTIBAQ_CHROMIUM, default /usr/bin/chromium)')
    .option('--html <file>', 'write the brief as one self-contained HTML file')
    .option('--json', 'print the brief’s data as JSON (the API’s answer)')
    .addHelpText('after', '\nExample:\n  istibaq report --area 06 --week 2026-W47 --lang ar --pdf brief.pdf')
    .action(async (options: Options) => {
      const code = options.area;
      if (code === undefined) throw new UsageError('--area: which area? (an area code, e.g. 06)');
      if (!(briefLanguages as readonly string[]).includes(options.lang)) {
        throw new UsageError(`--lang: one of ${briefLanguages.join(', ')}, not ${options.lang}`);
      }
      const lang = options.lang as BriefLanguage;
      await withDatabase(async (db) => {
        const area = await findAreaByCode(db, code);
        if (!area) throw new UsageError(`--area: no area with code ${code}`);
        let brief: Brief;
        try {
          brief = await meetingBrief(
            db,
            unrestricted,
            { area, now: new Date(), ...(options.week === undefined ? {} : { week: options.week }) },
            { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
          );
        } catch (error) {
          if (error instanceof BriefWeekError) throw new UsageError(`--${error.message}`);
          throw error;
        }
        const written: string[] = [];
        const recordExport = (action: 'export.brief_html' | 'export.brief_pdf', file: string) =>
          audit(db, {
            actor: cliActor(),
            action,
            target: { kind: 'area', id: area.code },
            areaId: area.id,
            details: { week: brief.week, lang, file },
          });
        const html =
          options.pdf !== undefined || options.html !== undefined ? briefHtml(brief, lang, briefFontFaces()) : '';
        if (options.html !== undefined) {
          writeFileSync(options.html, html);
          written.push(options.html);
          await recordExport('export.brief_html', options.html);
        }
        if (options.pdf !== undefined) {
          try {
            writeFileSync(options.pdf, await htmlToPdf(html));
          } catch (error) {
            if (error instanceof ChromiumMissingError) throw new UsageError(error.message);
            throw error;
          }
          written.push(options.pdf);
          await recordExport('export.brief_pdf', options.pdf);
        }
        if (options.json) process.stdout.write(`${JSON.stringify(brief, null, 2)}\n`);
        else process.stdout.write(`${summaryText(brief, written)}\n`);
      });
    });
}
