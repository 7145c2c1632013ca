import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlackSpot, SpotIncidents } from '../../../../src/contract/hotspots.js';
import { categories } from '../../../../src/domain/category.js';
import { defaultTimeZone } from '../../../../src/domain/time.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import type { Resource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';

const byCode = new Map<string, (typeof categories)[number]>(categories.map((c) => [c.code, c]));

/** Rows shown at first; a spot can hold thousands of incidents, and the rest are one click away. */
const firstRows = 200;

/**
 * The incidents inside the selected black spot, newest first: when (on Morocco's clock, as the window's days
 * are), what, and the incident's number.
 */
export function SpotIncidentsPanel({
  spot,
  incidents,
  onClose,
  onRetry,
}: {
  spot: BlackSpot;
  incidents: Resource<SpotIncidents>;
  onClose: () => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [spot.rank]);

  const items = incidents.status === 'ready' ? incidents.data.items : [];
  const shown = all ? items : items.slice(0, firstRows);
  const rank = format.count(spot.rank);

  return (
    <section className="panel spot-incidents" aria-labelledby="spot-incidents-title" data-testid="spot-incidents">
      <header className="spot-incidents-header">
        <h2 id="spot-incidents-title" ref={heading} tabIndex={-1}>
          {t('hotspots.incidents.title', { rank })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('hotspots.incidents.close')}
        </button>
      </header>
      <p className="spot-summary">
        {spot.district ? areaName(spot.district, format.language) : t('hotspots.noDistrict')}
        {' · '}
        {t('figures.incidents', { count: spot.incidents, value: format.count(spot.incidents) })}
        {' · '}
        {format.tenths(spot.areaKm2)} {t('hotspots.km2')}
        {' · '}
        {t('hotspots.column.pai')} {format.tenths(spot.pai)}
      </p>
      {incidents.status === 'error' ? (
        <ErrorNotice error={incidents.error} title={t('hotspots.incidents.failed')} onRetry={onRetry} />
      ) : incidents.status !== 'ready' ? (
        <Loading label={t('hotspots.incidents.loading')} />
      ) : (
        <div className="spot-incidents-scroll">
          <table className="incident-table" data-count={items.length}>
            <caption>
              {t('hotspots.incidents.caption', { count: items.length, value: format.count(items.length) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('hotspots.incidents.when')}</th>
                <th scope="col">{t('categories.category')}</th>
                <th scope="col" className="numeric">
                  {t('hotspots.incidents.id')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id} data-id={item.id}>
                  <td>
                    <time dateTime={item.occurredAt}>{format.dateTime(item.occurredAt, defaultTimeZone)}</time>
                  </td>
                  <td>{byCode.get(item.category)?.labels[format.language] ?? item.category}</td>
                  <td className="numeric">{item.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length < items.length && (
            <button type="button" className="secondary show-all" onClick={() => setAll(true)}>
              {t('hotspots.incidents.showAll', { value: format.count(items.length) })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
