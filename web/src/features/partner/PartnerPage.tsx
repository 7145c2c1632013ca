import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaSummary } from '../../../../src/contract/common.js';
import type { PartnerActions, PartnerOverview } from '../../../../src/contract/partner.js';
import { iccsSections, type IccsSection } from '../../../../src/domain/category.js';
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth } from '../../app/health.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { AreaMap } from '../../map/AreaMap.js';
import { cellPalette, classBreaks, noDataColour, ratePalette } from '../../map/classes.js';
import { areaFeatures, cellFeatures, emptyCollection, featureBounds, type AreaFeatures } from '../../map/features.js';
import { Legend } from '../../map/Legend.js';
import { legendClasses } from '../../map/legend-classes.js';
import './partner.css';
import { mapControlLabels } from '../../map/control-labels.js';

type Figure = PartnerOverview['series'][number]['months'][number]['total'];

const sectionName = (code: string, language: 'ar' | 'fr' | 'en') =>
  code in iccsSections ? `${code} · ${iccsSections[code as IccsSection][language]}` : code;

/**
 * The partner page (README: Partner access): the territory's figures in aggregate — headlines, the months by ICCS
 * section with the trend, the child areas' rates and the black spots as H3 cells on a map — and the plan actions
 * shared with the partner. Every figure below k arrives withheld from the server.
 */
export function PartnerPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const health = useHealth();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    document.title = `${t('partner.title')} — ${t('app.name')}`;
  }, [t]);
  const overview = useResource(`partner:overview:${attempt}`, (signal) => api.partnerOverview({}, signal));
  const actions = useResource(`partner:actions:${attempt}`, (signal) => api.partnerActions(signal));
  const data = overview.status === 'ready' ? overview.data : null;
  const retry = () => setAttempt((n) => n + 1);

  const withheldMark = (
    <span className="withheld" title={t('public.withheldTitle', { k: data?.k ?? 10 })}>
      {t('public.withheld', { k: format.count(data?.k ?? 10) })}
    </span>
  );
  const show = (f: Figure) => (f.withheld || f.count === null ? withheldMark : format.count(f.count));

  return (
    <article className="partner-page" data-testid="partner-page">
      <header className="panel partner-header">
        <h1>{t('partner.title')}</h1>
        {data && <p>{t('partner.lead', { area: areaName(data.territory, language), k: data.k })}</p>}
        {(data?.synthetic || health?.synthetic) && <SyntheticNotice />}
      </header>
      {overview.status === 'error' && (
        <ErrorNotice error={overview.error} title={t('partner.failed')} onRetry={retry} />
      )}
      {overview.status === 'loading' && <Loading />}
      {data && (
        <>
          <Headlines data={data} show={show} withheldMark={withheldMark} />
          <div className="partner-grid">
            <PartnerMap data={data} />
            <Months data={data} show={show} />
          </div>
        </>
      )}
      {actions.status === 'error' && <ErrorNotice error={actions.error} onRetry={retry} />}
      {actions.status === 'ready' && <SharedActions data={actions.data} />}
    </article>
  );
}

function Headlines({
  data,
  show,
  withheldMark,
}: {
  data: PartnerOverview;
  show: (f: Figure) => ReactNode;
  withheldMark: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const last = data.series[0]?.months.at(-1);
  const trend = data.trend.total;
  const items: [string, ReactNode][] = [
    [t('partner.incidents', { month: last?.month ?? data.to }), last ? show(last.total) : withheldMark],
    [
      t('partner.rate'),
      last?.total.ratePer100k === null || last === undefined ? '—' : format.decimal(last.total.ratePer100k),
    ],
    [t('partner.trend'), trend.changePct === null ? withheldMark : format.change(trend.changePct)],
    [
      t('public.solved'),
      data.headlines.clearance.solvedPct === null ? withheldMark : format.percent(data.headlines.clearance.solvedPct),
    ],
    [
      t('public.arrivalMedian'),
      data.headlines.response.arrivalMedianMinutes === null
        ? withheldMark
        : t('public.minutes', { value: format.tenths(data.headlines.response.arrivalMedianMinutes) }),
    ],
  ];
  return (
    <section
      className="panel partner-headlines"
      aria-labelledby="partner-headlines-title"
      data-testid="partner-headlines"
    >
      <h2 id="partner-headlines-title">{t('partner.headlines', { area: areaName(data.area, format.language) })}</h2>
      <dl>
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The child areas coloured by their rate over the last month, and the black spots as H3 cells. */
function PartnerMap({ data }: { data: PartnerOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const health = useHealth();
  const children = data.series.slice(1);
  const boundaries = useResource(`partner:boundaries:${data.area.code}`, (signal) =>
    api.boundaries(children.length > 0 ? { parent: data.area.code } : { code: data.area.code }, signal),
  );
  const shown = children.length > 0 ? children : data.series.slice(0, 1);
  const rates = useMemo(
    () => new Map(shown.map((s) => [s.area.code, s.months.at(-1)?.total.ratePer100k ?? null])),
    [shown],
  );
  const rateValues = [...rates.values()].filter((r): r is number => r !== null);
  const breaks = classBreaks(rateValues, 5);
  const areas = useMemo<AreaFeatures>(() => {
    if (boundaries.status !== 'ready') return emptyCollection();
    const codes = new Set(shown.map((s) => s.area.code));
    const collection = {
      ...boundaries.data,
      features: boundaries.data.features.filter((f) => codes.has(f.properties.code)),
    };
    return areaFeatures(collection, rates, { breaks, palette: ratePalette(breaks) }, (a: AreaSummary) =>
      areaName(a, language),
    );
  }, [boundaries, shown, rates, breaks, language]);
  const counts = data.blackSpots.cells.map((c) => c.count);
  const cellBreaks = classBreaks(counts, 4);
  const cells = cellFeatures(
    data.blackSpots.cells.map((c) => ({ h3: c.cell, count: c.count })),
    { breaks: cellBreaks, palette: cellPalette(cellBreaks) },
  );
  const bounds = areas.features.length > 0 ? featureBounds(areas) : null;
  const title = t('partner.mapTitle', { from: data.from, to: data.to, k: data.k });
  return (
    <section className="panel partner-map" aria-labelledby="partner-map-title">
      <h2 id="partner-map-title">{title}</h2>
      <div className="map-frame">
        <AreaMap
          label={title}
          areas={areas}
          circles={emptyCollection()}
          cells={cells}
          bounds={bounds}
          tileUrl={health?.tileUrl ?? null}
          tileAttribution={health?.tileAttribution ?? null}
          controlLabels={mapControlLabels(t)}
          describe={(target) => {
            if (target.kind === 'cell') {
              const cell = data.blackSpots.cells.find((c) => c.cell === target.id);
              return cell ? <span>{t('partner.cellCount', { value: format.count(cell.count) })}</span> : null;
            }
            const row = shown.find((s) => s.area.code === target.id);
            return row ? <strong>{areaName(row.area, language)}</strong> : null;
          }}
          onSelect={() => undefined}
          unavailable={t('map.unavailable')}
        />
      </div>
      <Legend
        title={t('public.legendRate')}
        symbols={[]}
        classes={[
          ...legendClasses(breaks, ratePalette(breaks), rateValues, format.significant, t),
          { colour: noDataColour, label: t('public.withheldLegend') },
        ]}
        {...(counts.length > 0
          ? {
              cells: {
                title: t('partner.cellsLegend', { k: data.k }),
                classes: legendClasses(cellBreaks, cellPalette(cellBreaks), counts, format.count, t),
              },
            }
          : {})}
      />
      {counts.length === 0 && <p className="partner-note">{t('partner.noCells', { k: data.k })}</p>}
    </section>
  );
}

/** The territory month by month and ICCS section, with each section's trend; then each child area's totals. */
function Months({ data, show }: { data: PartnerOverview; show: (f: Figure) => ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const own = data.series[0];
  if (!own) return null;
  const months = own.months.map((m) => m.month);
  const trend = new Map(data.trend.sections.map((s) => [s.section, s.changePct]));
  const sections = own.months[0]?.sections.map((s) => s.section) ?? [];
  return (
    <section className="panel partner-months" aria-labelledby="partner-months-title">
      <h2 id="partner-months-title">{t('partner.monthsTitle')}</h2>
      <div className="table-scroll">
        <table data-testid="partner-months">
          <thead>
            <tr>
              <th scope="col">{t('partner.section')}</th>
              {months.map((m) => (
                <th scope="col" key={m}>
                  {m}
                </th>
              ))}
              <th scope="col">{t('partner.trend')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('public.allCategories')}</th>
              {own.months.map((m) => (
                <td key={m.month}>{show(m.total)}</td>
              ))}
              <td>{data.trend.total.changePct === null ? '—' : format.change(data.trend.total.changePct)}</td>
            </tr>
            {sections.map((section, i) => (
              <tr key={section}>
                <th scope="row">{sectionName(section, format.language)}</th>
                {own.months.map((m) => {
                  const f = m.sections[i];
                  return <td key={m.month}>{f ? show(f) : '—'}</td>;
                })}
                <td>{(trend.get(section) ?? null) === null ? '—' : format.change(trend.get(section) ?? 0)}</td>
              </tr>
            ))}
            {data.series.slice(1).map((s) => (
              <tr key={s.area.code} className="partner-child">
                <th scope="row">{areaName(s.area, format.language)}</th>
                {s.months.map((m) => (
                  <td key={m.month}>{show(m.total)}</td>
                ))}
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="public-footnote">{t('partner.footnote', { k: data.k })}</p>
    </section>
  );
}

function SharedActions({ data }: { data: PartnerActions }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const unitName = (u: PartnerActions['plans'][number]['actions'][number]['ownerUnit']) =>
    language === 'ar' ? u.nameAr : language === 'fr' ? u.nameFr : u.nameEn;
  return (
    <section className="panel partner-actions" aria-labelledby="partner-actions-title" data-testid="partner-actions">
      <h2 id="partner-actions-title">{t('partner.actionsTitle')}</h2>
      {data.plans.length === 0 && <p>{t('partner.noPlans')}</p>}
      {data.plans.map((plan) => (
        <div key={`${plan.title}:${plan.start}`} className="partner-plan">
          <h3>
            {plan.title} <span className="partner-plan-status">{t(`plans.status.${plan.status}`)}</span>
          </h3>
          <p>
            {areaName(plan.area, language)} · {format.day(plan.start)} – {format.day(plan.end)}
          </p>
          {plan.objectives.length > 0 && (
            <ul className="partner-objectives">
              {plan.objectives.map((o, i) => (
                <li key={i}>
                  {t('partner.objective', {
                    area: areaName(o.area, language),
                    change: format.change(o.targetChangePct),
                    deadline: format.day(o.deadline),
                  })}
                </li>
              ))}
            </ul>
          )}
          {plan.actions.length === 0 ? (
            <p>{t('partner.noActions')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('plans.action.description')}</th>
                  <th scope="col">{t('plans.action.unit')}</th>
                  <th scope="col">{t('plans.action.due')}</th>
                  <th scope="col">{t('plans.action.status')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.actions.map((a, i) => (
                  <tr key={i} className={a.late ? 'late' : undefined} data-testid="partner-action">
                    <td>{a.description}</td>
                    <td>{unitName(a.ownerUnit)}</td>
                    <td>{format.day(a.due)}</td>
                    <td>
                      {a.status === 'done' && a.doneOn !== null
                        ? t('plans.action.done', { day: format.day(a.doneOn) })
                        : a.late
                          ? t('plans.action.late')
                          : t('plans.action.open')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
