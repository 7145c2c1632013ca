import { useTranslation } from 'react-i18next';
import type { CompstatPatterns } from '../../../../src/contract/compstat.js';
import { useFormat } from '../../i18n/use-format.js';
import { heatColour, heatScale } from './heat-scale.js';

const hours = Array.from({ length: 24 }, (_, h) => h);
const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Incidents by local hour (columns) and weekday (rows, Monday first) as a table of coloured cells. The hours run
 * left to right in every language, as the trend charts' weeks do; the weekday names stay in the page's language.
 */
export function PatternHeatmap({ patterns }: { patterns: CompstatPatterns }) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(0, ...patterns.matrix.flat());
  const scale = heatScale(max);
  const hourText = (h: number) => format.count(h).padStart(2, format.count(0));
  return (
    <>
      {patterns.placed === 0 ? (
        <p className="empty">{t('compstat.heatmap.empty')}</p>
      ) : (
        <div className="heatmap-wrap" dir="ltr">
          <table className="heatmap" data-testid="heatmap">
            <caption className="visually-hidden">
              {t('compstat.heatmap.lead', {
                timeZone: patterns.timeZone,
                from: format.day(patterns.from),
                to: format.day(patterns.to),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('compstat.heatmap.weekday')}</span>
                </th>
                {hours.map((h) => (
                  <th key={h} scope="col" className="heatmap-hour">
                    {h % 3 === 0 ? hourText(h) : <span className="visually-hidden">{hourText(h)}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weekdays.map((weekday) => {
                const name = t(`compstat.weekday.${weekday}`);
                return (
                  <tr key={weekday} data-weekday={weekday}>
                    <th scope="row" dir="auto">
                      {name}
                    </th>
                    {hours.map((h) => {
                      const value = patterns.matrix[weekday - 1]?.[h] ?? 0;
                      const cls = scale.classOf(value);
                      const title = t('compstat.heatmap.cellTitle', {
                        weekday: name,
                        hour: hourText(h),
                        next: hourText((h + 1) % 24),
                        value: format.count(value),
                      });
                      return (
                        <td
                          key={h}
                          className={`heatmap-cell heat-${cls}`}
                          style={{ background: heatColour(cls, scale.classes) }}
                          data-hour={h}
                          data-value={value}
                          title={title}
                        >
                          <span className="visually-hidden">{title}</span>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {scale.legend.length > 0 && (
        <figure className="heatmap-legend" data-testid="heatmap-legend">
          <figcaption>{t('compstat.heatmap.legend')}</figcaption>
          <ul>
            <li>
              <span className="heatmap-swatch" style={{ background: heatColour(0, scale.classes) }} />
              {format.count(0)}
            </li>
            {scale.legend.map((entry) => (
              <li key={entry.cls}>
                <span className="heatmap-swatch" style={{ background: heatColour(entry.cls, scale.classes) }} />
                {entry.from === entry.to
                  ? format.count(entry.from)
                  : t('compstat.heatmap.range', { from: format.count(entry.from), to: format.count(entry.to) })}
              </li>
            ))}
          </ul>
        </figure>
      )}
      <p className="table-notes" data-testid="heatmap-unplaced" data-unplaced={patterns.unplaced.total}>
        {t('compstat.heatmap.placed', { value: format.count(patterns.placed) })}{' '}
        {t('compstat.heatmap.unplaced', {
          day: format.count(patterns.unplaced.day),
          month: format.count(patterns.unplaced.month),
        })}
      </p>
    </>
  );
}
