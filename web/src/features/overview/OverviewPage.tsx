import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '../../../../src/domain/time.js';
import { api, ApiError } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth, useHealthPending } from '../../app/health.js';
import { Link } from '../../app/router.js';
import { compstatPath, hotspotsPath } from '../../app/routes.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { PerceptionLine } from '../citizen/PerceptionLine.js';
import { AreaTable } from './AreaTable.js';
import { Breadcrumb } from './Breadcrumb.js';
import { CategoriesPanel } from './CategoriesPanel.js';
import { EquityLine } from './EquityLine.js';
import { KeyFigures } from './KeyFigures.js';
import { OverviewMap } from './OverviewMap.js';
import './overview.css';

const failureTitles: Partial<Record<string, string>> = {
  OUT_OF_SCOPE: 'overview.outOfScopeTitle',
  AREA_NOT_FOUND: 'overview.notFoundTitle',
};

/**
 * One area's overview: the last 28 days against the same days a year earlier, on a map, in a table of the
 * area's children (each a way down) and by offence category.
 */
export function OverviewPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const health = useHealth();
  const [attempt, setAttempt] = useState(0);
  // Every area is shown as of the same day, the last with data nationally, so that a child's figures match
  // its row in the parent's table; the server would otherwise take each area's own last day with data.
  const asOf = health?.dataUntil ?? undefined;
  const waiting = useHealthPending();
  const detail = useResource(`area:${code}:${attempt}`, (signal) => api.area(code, signal));
  const overview = useResource(waiting ? null : `overview:${code}:${asOf}:${attempt}`, (signal) =>
    api.overview({ area: code, asOf }, signal),
  );

  const title = detail.status === 'ready' ? areaName(detail.data, format.language) : null;
  useEffect(() => {
    document.title = title ? `${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);

  // After a drill-down the link that was followed is gone: give the focus to the new area's heading, so that
  // a keyboard or screen-reader user starts reading the new page rather than from the top of the document.
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = detail.status === 'ready' && overview.status === 'ready';
  useEffect(() => {
    if (ready && (document.activeElement === document.body || document.activeElement === null)) {
      heading.current?.focus({ preventScroll: true });
    }
  }, [ready]);

  const failed = overview.status === 'error' ? overview.error : detail.status === 'error' ? detail.error : null;
  if (failed !== null) {
    const key = failed instanceof ApiError ? failureTitles[failed.code] : undefined;
    return (
      <div className="overview">
        <ErrorNotice
          error={failed}
          title={t(key ?? 'overview.failed')}
          onRetry={key ? undefined : () => setAttempt((n) => n + 1)}
        >
          <Link to="/" className="button-link">
            {t('overview.backHome')}
          </Link>
        </ErrorNotice>
      </div>
    );
  }
  if (detail.status !== 'ready' || overview.status !== 'ready') return <Loading />;

  const area = detail.data;
  const data = overview.data;
  const childLevel = data.children[0]?.area.level;
  const days = daysBetween(data.window.from, data.window.to) + 1;
  return (
    <div className="overview" data-area={area.code}>
      <header className="overview-header">
        <Breadcrumb area={area} scopeCode={user.scope?.code ?? null} />
        <h1 ref={heading} tabIndex={-1}>
          {areaName(area, format.language)}
          <span className="area-kind">{t(`kind.${area.kind}`)}</span>
          {area.synthetic && (
            <span className="badge-generated" title={t('area.generatedTitle')}>
              {t('area.generated')}
            </span>
          )}
        </h1>
        <p
          className="period"
          title={t('overview.periodExact', {
            from: format.day(data.window.from),
            to: format.day(data.window.to),
            previousFrom: format.day(data.previousWindow.from),
            previousTo: format.day(data.previousWindow.to),
          })}
        >
          {t('overview.period', {
            count: days,
            days: format.count(days),
            to: format.day(data.window.to),
            year: format.year(data.previousWindow.to),
          })}
        </p>
        <p className="overview-links">
          <Link to={hotspotsPath(area.code)}>{t('hotspots.open')}</Link>
          {' · '}
          <Link to={compstatPath(area.code)}>{t('compstat.open')}</Link>
        </p>
        {(data.synthetic || health?.synthetic) && <SyntheticNotice />}
        <KeyFigures total={data.total} />
        <PerceptionLine code={area.code} until={data.window.to} />
        {user.role === 'director_general' && area.level === 'country' && (
          <EquityLine code={area.code} until={data.window.to} />
        )}
      </header>
      <div className="overview-grid">
        <OverviewMap area={area} overview={data} asOf={data.asOf} />
        <section className="panel overview-table" aria-labelledby="table-title">
          <h2 id="table-title">{childLevel ? t(`level.${childLevel}`) : t('table.noChildrenTitle')}</h2>
          {childLevel ? (
            <AreaTable overview={data} childLevel={childLevel} />
          ) : (
            <p className="empty">{t('table.noChildren')}</p>
          )}
        </section>
        <CategoriesPanel categories={data.categories} />
      </div>
    </div>
  );
}
