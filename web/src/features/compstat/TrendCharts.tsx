import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompstatTrends } from '../../../../src/contract/compstat.js';
import { categories } from '../../../../src/domain/category.js';
import { useFormat } from '../../i18n/use-format.js';
import { linePoints, niceMax, pathOf } from './chart.js';

type Series = CompstatTrends['total'];

const byCode = new Map<string, (typeof categories)[number]>(categories.map((c) => [c.code, c]));

/** The plot inside each chart's view box (user units), with room for the axis labels around it. */
const view = { width: 260, height: 120 };
const plot = { left: 30, top: 8, width: 222, height: 84 };

/**
 * One small line chart: weekly incidents this year (solid) against the same weeks a year earlier (grey). Time
 * runs left to right in every language (the SVG is drawn left to right even in Arabic), as the heatmap's hours do.
 * A partial last week is drawn dashed, since it holds fewer days.
 */
function TrendChart({ series, title, trends }: { series: Series; title: string; trends: CompstatTrends }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const max = niceMax(Math.max(...series.current, ...series.lastYear));
  const box = { width: plot.width, height: plot.height, max };
  const current = linePoints(series.current, box);
  const lastYear = linePoints(series.lastYear, box);
  const partial = trends.weeks[trends.weeks.length - 1]?.partial ?? false;
  // With a partial last week, the solid line stops a week early and a dashed segment reaches the last point.
  const solid = (points: [number, number][]) => (partial && points.length > 1 ? points.slice(0, -1) : points);
  const tail = (points: [number, number][]) => (partial && points.length > 1 ? points.slice(-2) : []);
  const first = trends.weeks[0];
  const last = trends.weeks[trends.weeks.length - 1];
  const summary = t('compstat.trends.chartSummary', {
    current: format.count(series.currentTotal),
    lastYear: format.count(series.lastYearTotal),
  });
  return (
    <figure className="trend-chart" data-category={series.category}>
      <svg viewBox={`0 0 ${view.width} ${view.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('compstat.trends.chartTitle', { category: title })}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <g transform={`translate(${plot.left} ${plot.top})`}>
          <line className="trend-axis" x1={0} x2={plot.width} y1={plot.height} y2={plot.height} />
          <line className="trend-grid" x1={0} x2={plot.width} y1={0} y2={0} />
          <text className="trend-tick" x={-4} y={4} textAnchor="end">
            {format.count(max)}
          </text>
          <text className="trend-tick" x={-4} y={plot.height} textAnchor="end">
            {format.count(0)}
          </text>
          <path className="trend-line trend-last-year" d={pathOf(solid(lastYear))} />
          <path className="trend-line trend-last-year trend-partial" d={pathOf(tail(lastYear))} />
          <path className="trend-line trend-current" d={pathOf(solid(current))} />
          <path className="trend-line trend-current trend-partial" d={pathOf(tail(current))} />
          {first && last && (
            <>
              <text className="trend-tick" x={0} y={plot.height + 16} textAnchor="start">
                {format.day(first.from)}
              </text>
              <text className="trend-tick" x={plot.width} y={plot.height + 16} textAnchor="end">
                {format.day(last.to)}
              </text>
            </>
          )}
        </g>
      </svg>
      <figcaption>
        <span className="trend-title">{title}</span>
        <span className="trend-summary">{summary}</span>
      </figcaption>
    </figure>
  );
}

/** Small multiples: the total first, then every offence with an incident in the weeks or a year earlier. */
export function TrendCharts({ trends }: { trends: CompstatTrends }) {
  const { t } = useTranslation();
  const format = useFormat();
  const last = trends.weeks[trends.weeks.length - 1];
  const all = [trends.total, ...trends.rows];
  return (
    <>
      <ul className="trend-legend" aria-label={t('compstat.trends.legend')}>
        <li>
          <span className="trend-swatch trend-current" aria-hidden="true" />
          {t('compstat.trends.thisYear')}
        </li>
        <li>
          <span className="trend-swatch trend-last-year" aria-hidden="true" />
          {t('compstat.trends.lastYear')}
        </li>
        {last?.partial && (
          <li>
            <span className="trend-swatch trend-current trend-partial" aria-hidden="true" />
            {t('compstat.trends.partial', { day: format.day(last.to) })}
          </li>
        )}
      </ul>
      {trends.total.currentTotal + trends.total.lastYearTotal === 0 ? (
        <p className="empty">{t('compstat.trends.none')}</p>
      ) : (
        <div className="trend-grid-charts" data-testid="trend-charts">
          {all.map((series) => (
            <TrendChart
              key={series.category}
              series={series}
              trends={trends}
              title={
                series.category === 'total'
                  ? t('compstat.total')
                  : (byCode.get(series.category)?.labels[format.language] ?? series.category)
              }
            />
          ))}
        </div>
      )}
    </>
  );
}
