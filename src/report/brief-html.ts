import type { Brief, BriefLanguage } from '../contract/brief.js';
import type { AreaSummary } from '../contract/common.js';
import { categoryOf, isCategoryCode } from '../domain/category.js';
import { briefStrings, type BriefStrings } from './strings.js';

/**
 * The meeting brief as one self-contained HTML document (no script, no outside resource): what the web page
 * shows and what Chromium prints to PDF. Pure: the fonts come in as @font-face rules, so Arabic is shaped with the
 * same font wherever the document is opened.
 */

type Row = Brief['compstat']['total'];
type Change = Row['days28']['lastYear'];
type Series = Brief['trends']['total'];
type Plan = Brief['followUp']['plans'][number];
type Objective = Plan['objectives'][number];

const intlLocales: Record<BriefLanguage, string> = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };
const trendPanels = 6;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Format {
  s: BriefStrings;
  lang: BriefLanguage;
  count: (value: number) => string;
  decimal: (value: number) => string;
  /** A share given as 0–100, as a percentage with one decimal: 92.6 %. */
  share: (value: number) => string;
  /** Up to three decimals, none when whole: 0.05, 12, 3.4. */
  plain: (value: number) => string;
  percent: (value: number | null) => string;
  day: (value: string) => string;
  area: (area: Pick<AreaSummary, 'nameAr' | 'nameFr' | 'nameEn'>) => string;
  category: (code: string) => string;
}

function format(lang: BriefLanguage): Format {
  const locale = intlLocales[lang];
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const share = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const s = briefStrings[lang];
  return {
    s,
    lang,
    count: (v) => count.format(v),
    decimal: (v) => decimal.format(v),
    plain: (v) => plain.format(v),
    share: (v) => share.format(v / 100),
    percent: (v) => (v === null ? s.smallBase : signed.format(v / 100)),
    day: (v) => day.format(new Date(`${v}T12:00:00Z`)),
    area: (a) => (lang === 'ar' ? a.nameAr : lang === 'fr' ? a.nameFr : a.nameEn || a.nameFr),
    category: (code) => (code === 'total' ? s.total : isCategoryCode(code) ? categoryOf(code).labels[lang] : code),
  };
}

const e = escapeHtml;

/** A change cell: the percentage, or "—" on a small base; an asterisk when the exact test finds it significant. */
function changeCell(f: Format, c: Change | null): string {
  if (c === null) return '<td class="num"></td>';
  const mark = c.significant ? ' *' : '';
  const title = `p = ${c.pValue.toPrecision(2)}`;
  return `<td class="num${c.significant ? ' significant' : ''}" title="${e(title)}">${e(f.percent(c.changePct))}${mark}</td>`;
}

function compstatSection(f: Format, brief: Brief): string {
  const { s } = f;
  const table = brief.compstat;
  const base = table.baselineYear;
  const periods = ['weekToDate', 'days28', 'yearToDate'] as const;
  const head1 = [
    `<th rowspan="2" class="cat">${e(s.category)}</th>`,
    ...periods.map((p) => {
      const w = table.periods[p].current;
      return `<th colspan="3" class="group">${e(s[p])}<br><small>${e(f.day(w.from))} – ${e(f.day(w.to))}</small></th>`;
    }),
    `<th colspan="${base === null ? 1 : 2}" class="group">${e(s.longRun)}<br><small>${e(s.yearToDate)}</small></th>`,
    `<th rowspan="2">${e(s.per100k)}<br><small>${e(s.yearToDate)}</small></th>`,
    `<th rowspan="2">${e(s.cleared)}<br><small>${e(s.yearToDate)}</small></th>`,
  ].join('');
  const head2 = [
    ...periods.flatMap(() => [s.now, s.lastYear, s.change].map((t) => `<th>${e(t)}</th>`)),
    `<th>${e(s.twoYears)}</th>`,
    base === null ? '' : `<th>${e(s.baseline(base))}</th>`,
  ].join('');
  const line = (row: Row, total: boolean) => {
    const cells = periods.flatMap((p) => {
      const cell = row[p];
      return [
        `<td class="num">${e(f.count(cell.incidents))}</td>`,
        `<td class="num">${e(f.count(cell.lastYear.incidents))}</td>`,
        changeCell(f, cell.lastYear),
      ];
    });
    const ytd = row.yearToDate;
    return (
      `<tr${total ? ' class="total"' : ''}><th scope="row" class="cat">${e(f.category(row.category))}</th>` +
      cells.join('') +
      changeCell(f, ytd.twoYearsAgo) +
      (base === null ? '' : changeCell(f, ytd.baseline)) +
      `<td class="num">${ytd.ratePer100k === null ? '' : e(f.decimal(ytd.ratePer100k))}</td>` +
      `<td class="num">${ytd.clearancePct === null ? '' : e(f.share(ytd.clearancePct))}</td></tr>`
    );
  };
  return `<section id="compstat"><h2>${e(s.compstat)}</h2>
<table class="compstat"><thead><tr>${head1}</tr><tr>${head2}</tr></thead>
<tbody>${table.rows.map((r) => line(r, false)).join('')}${line(table.total, true)}</tbody></table>
<p class="note">${e(s.compstatNote(f.plain(table.alpha)))}</p></section>`;
}

/** One small line chart: this year's weekly counts over last year's, time running left to right. */
function trendChart(f: Format, series: Series, weeks: number): string {
  const width = 260;
  const height = 110;
  const pad = { left: 34, right: 8, top: 8, bottom: 18 };
  const max = Math.max(1, ...series.current, ...series.lastYear);
  const x = (i: number) => pad.left + (weeks <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (weeks - 1));
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const points = (values: number[]) => values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const title = `${f.category(series.category)}: ${f.s.thisYear} ${f.count(series.currentTotal)}, ${f.s.lastYear} ${f.count(series.lastYearTotal)}`;
  return `<figure class="trend"><figcaption>${e(f.category(series.category))} <span>${e(f.percent(series.changePct))}</span></figcaption>
<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${e(title)}">
<title>${e(title)}</title>
<line class="axis" x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}"/>
<text class="tick" x="${pad.left - 4}" y="${y(max) + 4}" text-anchor="end">${e(f.count(max))}</text>
<text class="tick" x="${pad.left - 4}" y="${y(0) + 4}" text-anchor="end">${e(f.count(0))}</text>
<polyline class="last-year" points="${points(series.lastYear)}"/>
<polyline class="this-year" points="${points(series.current)}"/>
</svg></figure>`;
}

function trendsSection(f: Format, brief: Brief): string {
  const { s } = f;
  const trends = brief.trends;
  const weeks = trends.weeks.length;
  const top = [...trends.rows].sort((a, b) => b.currentTotal - a.currentTotal).slice(0, trendPanels - 1);
  const legend = `<p class="legend"><span class="key this-year"></span>${e(s.thisYear)} <span class="key last-year"></span>${e(s.lastYear)}</p>`;
  return `<section id="trends"><h2>${e(s.trends)}</h2><p class="note">${e(s.trendsNote(weeks))}</p>${legend}
<div class="trends">${[trends.total, ...top].map((series) => trendChart(f, series, weeks)).join('')}</div></section>`;
}

function alertsSection(f: Format, brief: Brief): string {
  const { s } = f;
  if (brief.alerts.length === 0) return `<section id="alerts"><h2>${e(s.alerts)}</h2><p>${e(s.noAlerts)}</p></section>`;
  const rows = brief.alerts
    .map(
      (a) =>
        `<tr><td>${e(f.day(a.day))}</td><td>${e(f.area(a.area))}</td><td>${e(f.category(a.category))}</td>` +
        `<td class="num">${e(f.count(a.observed))}</td><td class="num">${e(f.decimal(a.expected))}</td>` +
        `<td class="num">${e(f.decimal(a.upper))}</td></tr>`,
    )
    .join('');
  const more =
    brief.alertsTotal > brief.alerts.length
      ? `<p class="note">${e(s.alertsMore(brief.alerts.length, brief.alertsTotal))}</p>`
      : '';
  return `<section id="alerts"><h2>${e(s.alerts)}</h2><table><thead><tr><th>${e(s.day)}</th><th>${e(s.area)}</th>
<th>${e(s.category)}</th><th>${e(s.observed)}</th><th>${e(s.expected)}</th><th>${e(s.upper)}</th></tr></thead>
<tbody>${rows}</tbody></table>${more}</section>`;
}

function objectiveText(f: Format, o: Objective): string {
  const categories =
    o.categories.length === 0 ? f.s.everyCategory : o.categories.map(f.category).join(f.s.listSeparator);
  const target = f.percent(o.targetChangePct);
  return `${categories} — ${f.s.measure[o.measure]} ${target} · ${f.area(o.area)}`;
}

function plansSection(f: Format, brief: Brief): string {
  const { s } = f;
  const { plans } = brief.followUp;
  if (plans.length === 0) return `<section id="plans"><h2>${e(s.plans)}</h2><p>${e(s.noPlans)}</p></section>`;
  const value = (v: number | null | undefined, rate: boolean) =>
    v === null || v === undefined ? '' : e(rate ? f.decimal(v) : f.plain(Math.round(v * 10) / 10));
  const blocks = plans.map((plan) => {
    const rows = plan.objectives.map((o) => {
      const p = o.progress;
      const rate = o.measure === 'rate';
      const status = o.withheld ? s.withheld : (s.objectiveStatus[p?.status ?? 'no_data'] ?? p?.status ?? '');
      const tone = p?.status ?? 'no_data';
      return (
        `<tr><td>${e(objectiveText(f, o))}</td><td class="num">${value(p?.baselineValue, rate)}</td>` +
        `<td class="num">${value(p?.currentValue, rate)}</td><td class="num">${value(p?.targetValue, rate)}</td>` +
        `<td>${e(f.day(o.deadline))}</td><td class="status ${e(tone)}">${e(status)}</td></tr>`
      );
    });
    const table =
      rows.length === 0
        ? ''
        : `<table><thead><tr><th>${e(s.objective)}</th><th>${e(s.baselineValue)}</th><th>${e(s.current)}</th>` +
          `<th>${e(s.target)}</th><th>${e(s.deadline)}</th><th>${e(s.status)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    return `<article class="plan"><h3>${e(s.kind[plan.kind])}: ${e(plan.title)}</h3>
<p class="note">${e(f.area(plan.area))} · ${e(f.day(plan.start))} – ${e(f.day(plan.end))}</p>${table}</article>`;
  });
  const open = brief.followUp.openActions;
  const actions =
    open.length === 0
      ? `<p>${e(s.noOpenActions)}</p>`
      : `<table><thead><tr><th>${e(s.action)}</th><th>${e(s.plan)}</th><th>${e(s.owner)}</th><th>${e(s.due)}</th>` +
        `<th>${e(s.status)}</th></tr></thead><tbody>${open
          .map(
            (a) =>
              `<tr${a.late ? ' class="late"' : ''}><td>${e(a.description)}</td><td>${e(a.planTitle)}</td>` +
              `<td>${e(f.lang === 'ar' ? a.ownerUnit.nameAr : a.ownerUnit.nameFr)}</td><td>${e(f.day(a.due))}</td>` +
              `<td>${e(a.late ? s.late(a.daysLate ?? 0) : s.onTime)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<section id="plans"><h2>${e(s.plans)}</h2>${blocks.join('')}<h3>${e(s.actions)}</h3>${actions}</section>`;
}

function submissionsSection(f: Format, brief: Brief): string {
  const { s } = f;
  const { submissions, missingSubmissions } = brief.followUp;
  const items = submissions.map(
    (sub) => `<article class="submission"><h3>${e(f.area(sub.area))}</h3>
<p><strong>${e(s.efforts)}:</strong> ${e(sub.efforts)}</p>
<p><strong>${e(s.difficulties)}:</strong> ${e(sub.difficulties)}</p>
${sub.submittedBy === null ? '' : `<p class="note">${e(s.by)} ${e(sub.submittedBy)}</p>`}</article>`,
  );
  const missing =
    missingSubmissions.length === 0
      ? ''
      : `<p class="note">${e(s.missingSubmissions)}: ${missingSubmissions.map((a) => e(f.area(a))).join(e(s.listSeparator))}</p>`;
  return `<section id="submissions"><h2>${e(s.submissions)}</h2>${items.length === 0 ? `<p>${e(s.noSubmission)}</p>` : items.join('')}${missing}</section>`;
}

const css = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Naskh Arabic', 'Noto Sans', sans-serif; font-size: 9.5pt; color: #1c2430; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 5pt; border-block-end: 1.5pt solid #1d4e89; padding-block-end: 2pt; color: #1d4e89; }
h3 { font-size: 10.5pt; margin: 8pt 0 4pt; }
header .sub { font-size: 11pt; margin: 0; }
.synthetic { display: inline-block; background: #fff3cd; border: 1pt solid #c99a00; padding: 2pt 6pt; margin: 4pt 0; font-weight: 700; }
.note { color: #4a5566; font-size: 8.5pt; margin: 3pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #c5ccd6; padding: 2pt 4pt; text-align: start; vertical-align: top; }
thead th { background: #eef2f7; font-weight: 700; }
th small { font-weight: 400; color: #4a5566; }
.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.compstat th.group { text-align: center; }
.compstat .cat { min-width: 28mm; }
tr.total th, tr.total td { font-weight: 700; background: #f5f7fa; }
td.significant { font-weight: 700; }
tr.late td { color: #a11b1b; }
.status.achieved, .status.on_track { color: #1b6e2d; }
.status.off_track, .status.missed { color: #a11b1b; font-weight: 700; }
.trends { display: flex; flex-wrap: wrap; gap: 6pt; }
figure.trend { margin: 0; border: 0.6pt solid #c5ccd6; padding: 3pt; page-break-inside: avoid; }
figure.trend figcaption { font-weight: 700; font-size: 9pt; }
figure.trend svg { direction: ltr; display: block; }
svg .axis { stroke: #8a96a8; stroke-width: 0.8; }
svg .tick { font-size: 8px; fill: #4a5566; }
svg polyline { fill: none; stroke-width: 1.8; }
svg .this-year { stroke: #1d4e89; }
svg .last-year { stroke: #9aa5b5; stroke-dasharray: 4 3; }
.legend .key { display: inline-block; inline-size: 14pt; block-size: 0; border-block-start: 2pt solid #1d4e89; margin-inline: 4pt 2pt; vertical-align: middle; }
.legend .key.last-year { border-block-start: 2pt dashed #9aa5b5; }
article.plan, article.submission { page-break-inside: avoid; }
footer { margin-block-start: 14pt; color: #4a5566; font-size: 8pt; }
`;

/** The brief as a complete HTML document in one language. `fontFaces` holds the @font-face rules to embed. */
export function briefHtml(brief: Brief, lang: BriefLanguage, fontFaces = ''): string {
  const f = format(lang);
  const { s } = f;
  const areaName = f.area(brief.area);
  const title = `${s.title} — ${areaName} — ${brief.week}`;
  const progress = brief.weekComplete ? '' : `<p class="note">${e(s.weekInProgress(f.day(brief.asOf)))}</p>`;
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${fontFaces}${css}</style></head>
<body data-week="${e(brief.week)}" data-area="${e(brief.area.code)}">
<header><h1>${e(s.title)}</h1>
<p class="sub"><strong>${e(areaName)}</strong> (<bdi dir="ltr">${e(brief.area.code)}</bdi>) · ${e(s.week)} <bdi dir="ltr">${e(brief.week)}</bdi>: ${e(f.day(brief.weekFrom))} – ${e(f.day(brief.weekTo))}</p>
${progress}${brief.synthetic ? `<p class="synthetic">${e(s.synthetic)}</p>` : ''}</header>
${compstatSection(f, brief)}
${trendsSection(f, brief)}
${alertsSection(f, brief)}
${plansSection(f, brief)}
${submissionsSection(f, brief)}
<footer>${e(s.generated)} ${e(f.day(brief.generatedAt.slice(0, 10)))} · Istibaq</footer>
</body></html>`;
}
