import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnoxResult } from '../../../../src/contract/hotspots.js';
import { api, ApiError } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { intlLocales } from '../../i18n/index.js';
import { useFormat } from '../../i18n/use-format.js';
import type { Study } from './Controls.js';
import { bandEdges, defaultKnox, knoxQuery, type KnoxSettings } from './settings.js';

/** A cell of the table stands out when its pairs are more than expected at 95 % (p ≤ 0.05). */
const significance = 0.05;
/** The most incidents the server takes into a near-repeat analysis (src/analysis/hotspots.ts). */
const maxEvents = 50_000;

/** The request fields of the panel and of the study that the server may refuse, with the label naming each. */
const fieldLabels: Partial<Record<string, string>> = {
  spaceBands: 'hotspots.knox.spaceBands',
  timeBands: 'hotspots.knox.timeBands',
  permutations: 'hotspots.knox.permutations',
  from: 'hotspots.controls.from',
  to: 'hotspots.controls.to',
  cellSize: 'hotspots.controls.cellSize',
  category: 'hotspots.controls.categories',
};

/**
 * Near repeats: the Knox table of the study's incident pairs, by distance apart (rows) and days apart (columns),
 * each cell's observed pairs against those expected if times were shuffled among the places. Computed only on
 * demand, since pairs grow with the square of the incidents.
 */
export function KnoxPanel({ code, study }: { code: string; study: Study }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [applied, setApplied] = useState<KnoxSettings | null>(null);
  const [draft, setDraft] = useState({
    spaceBands: defaultKnox.spaceBands.replaceAll(',', ', '),
    timeBands: defaultKnox.timeBands.replaceAll(',', ', '),
    permutations: String(defaultKnox.permutations),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const query = applied && knoxQuery(code, study, applied);
  const knox = useResource(query && `knox:${JSON.stringify(query)}:${attempt}`, (signal) =>
    query ? api.knox(query, signal) : Promise.reject(new Error('closed')),
  );

  const run = () => {
    const permutations = Number(draft.permutations);
    const wrong =
      bandEdges(draft.spaceBands) === null
        ? 'spaceBands'
        : bandEdges(draft.timeBands) === null
          ? 'timeBands'
          : !Number.isInteger(permutations) || permutations < 19 || permutations > 999
            ? 'permutations'
            : null;
    setProblem(wrong);
    if (wrong) return;
    setApplied({ spaceBands: draft.spaceBands, timeBands: draft.timeBands, permutations });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run();
  };

  const error = knox.status === 'error' ? knox.error : null;
  const field = error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? error.field : undefined;
  const invalid = problem ?? field ?? null;
  const wrong = (name: string) => invalid === name || undefined;
  const fieldLabel = field === undefined ? undefined : fieldLabels[field];

  return (
    <section
      className="panel knox-panel"
      aria-labelledby="knox-title"
      aria-busy={knox.status === 'loading'}
      data-testid="knox-panel"
    >
      <div className="knox-top">
        <h2 id="knox-title">{t('hotspots.knox.title')}</h2>
        {applied === null && (
          <button type="button" className="secondary" onClick={run} data-testid="knox-open">
            {t('hotspots.knox.open')}
          </button>
        )}
      </div>
      <p className="knox-lead">{t('hotspots.knox.lead')}</p>

      {applied !== null && (
        <form className="knox-form" onSubmit={submit} noValidate>
          <label>
            <span>{t('hotspots.knox.spaceBands')}</span>
            <input
              type="text"
              name="spaceBands"
              inputMode="decimal"
              dir="ltr"
              value={draft.spaceBands}
              title={t('hotspots.knox.bandsHint')}
              aria-invalid={wrong('spaceBands')}
              onChange={(e) => setDraft((d) => ({ ...d, spaceBands: e.target.value }))}
            />
          </label>
          <label>
            <span>{t('hotspots.knox.timeBands')}</span>
            <input
              type="text"
              name="timeBands"
              inputMode="decimal"
              dir="ltr"
              value={draft.timeBands}
              title={t('hotspots.knox.bandsHint')}
              aria-invalid={wrong('timeBands')}
              onChange={(e) => setDraft((d) => ({ ...d, timeBands: e.target.value }))}
            />
          </label>
          <label>
            <span>{t('hotspots.knox.permutations')}</span>
            <input
              type="number"
              name="permutations"
              min={19}
              max={999}
              step={1}
              inputMode="numeric"
              value={draft.permutations}
              aria-invalid={wrong('permutations')}
              onChange={(e) => setDraft((d) => ({ ...d, permutations: e.target.value }))}
            />
          </label>
          <button type="submit">{t('hotspots.knox.apply')}</button>
          {problem && (
            <p className="field-error" role="alert">
              {t(problem === 'permutations' ? 'hotspots.knox.badPermutations' : 'hotspots.knox.badBands', {
                field: t(fieldLabels[problem] ?? ''),
              })}
            </p>
          )}
        </form>
      )}

      {applied !== null &&
        (error !== null ? (
          <div data-testid="knox-error">
            <ErrorNotice error={error} title={t('hotspots.knox.failed')} onRetry={() => setAttempt((n) => n + 1)} />
            {field === 'from' || field === 'to' ? (
              <p className="field-error">
                {t('hotspots.fieldAtFault', { field: t(fieldLabel ?? '') })} —{' '}
                {t('hotspots.knox.tooMany', { max: format.count(maxEvents) })}
              </p>
            ) : (
              fieldLabel && <p className="field-error">{t('hotspots.fieldAtFault', { field: t(fieldLabel) })}</p>
            )}
          </div>
        ) : knox.status === 'ready' ? (
          <KnoxTable result={knox.data} />
        ) : (
          <Loading label={t('hotspots.knox.loading')} />
        ))}
    </section>
  );
}

function KnoxTable({ result }: { result: KnoxResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const range = (band: { from: number; to: number | null }) =>
    band.to === null
      ? t('hotspots.knox.beyond', { from: format.count(band.from) })
      : t('hotspots.knox.range', { from: format.count(band.from), to: format.count(band.to) });
  // The ratio to the hundredth, so that 1.004 does not read as a plain 1.
  const hundredths = new Intl.NumberFormat(intlLocales[format.language], {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const figure = (value: number | null | undefined, digits: 'decimal' | 'significant' | 'hundredths') =>
    value === null || value === undefined || !Number.isFinite(value)
      ? '—'
      : digits === 'hundredths'
        ? hundredths.format(value)
        : format[digits](value);

  return (
    <>
      <p className="knox-summary" data-testid="knox-summary">
        {t('hotspots.knox.summary', {
          events: format.count(result.events),
          pairs: format.count(result.pairs),
          permutations: format.count(result.permutations),
        })}
        {result.monthOnly > 0 && (
          <> · {t('hotspots.knox.monthOnly', { count: result.monthOnly, value: format.count(result.monthOnly) })}</>
        )}
      </p>
      <div className="knox-scroll">
        <table className="knox-table" data-testid="knox-table">
          <caption>{t('hotspots.knox.caption')}</caption>
          <thead>
            <tr>
              <td />
              <th scope="colgroup" colSpan={result.temporalBands.length}>
                {t('hotspots.knox.daysApart')}
              </th>
            </tr>
            <tr>
              <th scope="col">{t('hotspots.knox.metresApart')}</th>
              {result.temporalBands.map((band, j) => (
                <th key={j} scope="col" className="numeric">
                  {range(band)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.spatialBands.map((space, i) => (
              <tr key={i}>
                <th scope="row">{range(space)}</th>
                {result.temporalBands.map((_, j) => {
                  const observed = result.observed[i]?.[j] ?? null;
                  const ratio = result.ratio[i]?.[j] ?? null;
                  const p = result.p[i]?.[j] ?? null;
                  const significant = ratio !== null && p !== null && ratio > 1 && p <= significance;
                  return (
                    <td
                      key={j}
                      className={significant ? 'knox-cell knox-significant' : 'knox-cell'}
                      data-observed={observed ?? ''}
                      data-significant={significant || undefined}
                    >
                      <span className="knox-observed">
                        {observed === null ? '—' : format.count(observed)}
                        <span className="knox-expected">
                          {' / '}
                          {figure(result.expected[i]?.[j], 'decimal')}
                        </span>
                      </span>
                      <span className="knox-stats">
                        {t('hotspots.knox.cellStats', {
                          ratio: figure(ratio, 'hundredths'),
                          p: figure(p, 'significant'),
                        })}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="knox-explain">{t('hotspots.knox.explain', { alpha: format.significant(significance) })}</p>
    </>
  );
}
