import type { ShareSummary } from '../analytics/forecast/backtest.js';

/**
 * A forecast backtest drawn as one self-contained SVG document (no script, no font or stylesheet from outside):
 * hit rate against the share of the area flagged, one line with markers per model, and beside it PAI against the
 * same shares. Pure and deterministic: the same evaluation gives the same bytes (numbers are written with a fixed
 * number of decimals, models in the order they come).
 */

/** What the plot needs from an evaluation (src/analysis/forecast.ts's Evaluation has all of it). */
export interface BacktestPlotInput {
  area: { code: string; name: string };
  origins: readonly string[];
  horizon: string;
  horizonDays: number;
  trainingDays: number;
  cellSizeM: number;
  provenanceNote: string;
  /** The background's temporal modulation, in words, shown under the title when given. */
  modulationNote?: string | undefined;
  result: { summary: Record<string, readonly ShareSummary[]> };
}

export interface BacktestSvgOptions {
  /** Model names for the legend (default the model's key). */
  labels?: Readonly<Record<string, string>>;
  /** Draw the PAI panel beside the hit rates (default true). */
  pai?: boolean;
  /** Default "Forecast backtest". */
  title?: string;
}

/** Escapes text for SVG content and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Colour-blind-safe (Okabe & Ito 2008), with a marker shape per model so lines differ without colour as well.
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const shapes = ['circle', 'square', 'diamond', 'triangle'] as const;

const num = (v: number) => {
  const s = v.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
};

/** Round tick steps (1, 2 or 5 × 10ⁿ) covering [0, max] with about `count` intervals. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  const last = Math.ceil(max / step - 1e-9);
  for (let i = 0; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

const tickText = (v: number) => String(Number(v.toPrecision(6)));

function marker(shape: (typeof shapes)[number], x: number, y: number, colour: string): string {
  const r = 4;
  switch (shape) {
    case 'circle':
      return `<circle cx="${num(x)}" cy="${num(y)}" r="${r}" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
    case 'diamond':
      return `<polygon points="${num(x)},${num(y - r - 1)} ${num(x + r + 1)},${num(y)} ${num(x)},${num(y + r + 1)} ${num(x - r - 1)},${num(y)}" fill="${colour}"/>`;
    case 'triangle':
      return `<polygon points="${num(x)},${num(y - r - 1)} ${num(x + r + 1)},${num(y + r)} ${num(x - r - 1)},${num(y + r)}" fill="${colour}"/>`;
  }
}

interface Panel {
  left: number;
  top: number;
  width: number;
  height: number;
  title: string;
  yLabel: string;
  /** Per model, the y value at each share (null when undefined). */
  value: (s: ShareSummary) => number | null;
}

function panelSvg(panel: Panel, models: [string, readonly ShareSummary[]][], xMax: number): string[] {
  const { left, top, width, height } = panel;
  let yMaxData = 0;
  for (const [, shares] of models) for (const s of shares) yMaxData = Math.max(yMaxData, panel.value(s) ?? 0);
  const yTicks = niceTicks(yMaxData);
  const yMax = yTicks[yTicks.length - 1] as number;
  const xTicks = niceTicks(xMax);
  const xTop = xTicks[xTicks.length - 1] as number;
  const px = (v: number) => left + (v / xTop) * width;
  const py = (v: number) => top + height - (v / yMax) * height;
  const out: string[] = [];
  out.push(`<g class="panel">`);
  out.push(
    `<text x="${num(left + width / 2)}" y="${num(top - 10)}" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`,
  );
  for (const t of yTicks) {
    const y = py(t);
    out.push(
      `<line x1="${num(left)}" y1="${num(y)}" x2="${num(left + width)}" y2="${num(y)}" stroke="#e0e0e0"/>`,
      `<line x1="${num(left - 4)}" y1="${num(y)}" x2="${num(left)}" y2="${num(y)}" stroke="#333"/>`,
      `<text x="${num(left - 7)}" y="${num(y + 4)}" text-anchor="end">${tickText(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    const x = px(t);
    out.push(
      `<line x1="${num(x)}" y1="${num(top + height)}" x2="${num(x)}" y2="${num(top + height + 4)}" stroke="#333"/>`,
      `<text x="${num(x)}" y="${num(top + height + 17)}" text-anchor="middle">${tickText(t)}</text>`,
    );
  }
  out.push(
    `<path d="M${num(left)},${num(top)}V${num(top + height)}H${num(left + width)}" fill="none" stroke="#333"/>`,
    `<text x="${num(left + width / 2)}" y="${num(top + height + 36)}" text-anchor="middle">share of area flagged (%)</text>`,
    `<text transform="translate(${num(left - 42)},${num(top + height / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(panel.yLabel)}</text>`,
  );
  models.forEach(([model, shares], m) => {
    const colour = palette[m % palette.length] as string;
    const shape = shapes[m % shapes.length] as (typeof shapes)[number];
    const points = shares
      .map((s) => ({ share: s.share * 100, value: panel.value(s) }))
      .filter((p): p is { share: number; value: number } => p.value !== null)
      .sort((a, b) => a.share - b.share);
    const coords = points.map((p) => `${num(px(p.share))},${num(py(p.value))}`).join(' ');
    out.push(
      `<g class="series" data-model="${escapeXml(model)}">`,
      `<polyline points="${coords}" fill="none" stroke="${colour}" stroke-width="2"/>`,
      ...points.map((p) => marker(shape, px(p.share), py(p.value), colour)),
      `</g>`,
    );
  });
  out.push(`</g>`);
  return out;
}

/** The evaluation as an SVG document (see above). */
export function backtestSvg(evaluation: BacktestPlotInput, options: BacktestSvgOptions = {}): string {
  const models = Object.entries(evaluation.result.summary);
  const withPai = options.pai ?? true;
  const panelWidth = 380;
  const panelHeight = 260;
  const marginLeft = 70;
  const gap = 90;
  const legendWidth = 210;
  const top = 110 + (evaluation.modulationNote ? 16 : 0);
  const width = marginLeft + panelWidth + (withPai ? gap + panelWidth : 0) + 30 + legendWidth;
  const height = top + panelHeight + 60;
  let xMax = 0;
  for (const [, shares] of models) for (const s of shares) xMax = Math.max(xMax, s.share * 100);
  const e = evaluation;
  const first = e.origins[0] ?? '';
  const last = e.origins[e.origins.length - 1] ?? '';
  const title = `${options.title ?? 'Forecast backtest'}: ${e.area.name} (${e.area.code})`;
  const period =
    `${e.origins.length} weekly origins ${first} to ${last}; horizon ${e.horizon} (${e.horizonDays} d); ` +
    `training ${e.trainingDays} days before each origin; cells of ${e.cellSizeM} m`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(`${title}. ${period}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="30" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="20" y="50">${escapeXml(period)}</text>`,
    `<text x="20" y="66">${escapeXml(`Records: ${e.provenanceNote}`)}</text>`,
    ...(e.modulationNote ? [`<text x="20" y="82">${escapeXml(`Modulation: ${e.modulationNote}`)}</text>`] : []),
  ];
  out.push(
    ...panelSvg(
      {
        left: marginLeft,
        top,
        width: panelWidth,
        height: panelHeight,
        title: 'Hit rate (mean over origins)',
        yLabel: 'incidents in flagged cells (%)',
        value: (s) => (s.hitRate === null ? null : s.hitRate * 100),
      },
      models,
      xMax,
    ),
  );
  if (withPai) {
    out.push(
      ...panelSvg(
        {
          left: marginLeft + panelWidth + gap,
          top,
          width: panelWidth,
          height: panelHeight,
          title: 'Predictive accuracy index (PAI)',
          yLabel: 'hit rate ÷ share of area',
          value: (s) => s.pai,
        },
        models,
        xMax,
      ),
    );
  }
  const legendX = width - legendWidth;
  out.push(`<g class="legend">`);
  models.forEach(([model], m) => {
    const colour = palette[m % palette.length] as string;
    const shape = shapes[m % shapes.length] as (typeof shapes)[number];
    const y = top + 10 + m * 22;
    out.push(
      `<line x1="${legendX}" y1="${y}" x2="${legendX + 26}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
      marker(shape, legendX + 13, y, colour),
      `<text x="${legendX + 34}" y="${y + 4}">${escapeXml(options.labels?.[model] ?? model)}</text>`,
    );
  });
  out.push(`</g>`, `</svg>`);
  return `${out.join('\n')}\n`;
}
