import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categories } from '../../../../src/domain/category.js';
import { useFormat } from '../../i18n/use-format.js';
import {
  cellSizeChoices,
  confidences,
  kernels,
  periodUnits,
  schemes,
  windowProblem,
  type Confidence,
  type Kernel,
  type PeriodUnit,
  type Scheme,
  type Settings,
} from './settings.js';

export type Study = Settings & { from: string; to: string };

/**
 * The study's settings: window, categories, grid and density, black spots. Nothing is sent until "Apply", since
 * each change recomputes the analysis on the server. `invalid` is the field the server refused, if any.
 */
export function Controls({
  settings,
  invalid,
  onApply,
  onReset,
}: {
  settings: Study;
  invalid: string | null;
  onApply: (next: Study) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState(settings);
  const [bandwidth, setBandwidth] = useState(settings.bandwidth === null ? '' : String(settings.bandwidth));
  const [problem, setProblem] = useState<'from' | 'to' | null>(null);
  const set = (patch: Partial<Study>) => setDraft((d) => ({ ...d, ...patch }));
  const chosen = new Set<string>(draft.categories);
  const sizes: number[] = [...cellSizeChoices];
  if (draft.cellSize !== null && !sizes.includes(draft.cellSize)) sizes.push(draft.cellSize);
  sizes.sort((a, b) => a - b);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = windowProblem(draft.from, draft.to);
    setProblem(wrong);
    if (wrong) return;
    const metres = bandwidth.trim() === '' ? null : Number(bandwidth);
    onApply({ ...draft, bandwidth: metres !== null && Number.isFinite(metres) && metres > 0 ? metres : null });
  };
  const toggle = (code: string, on: boolean) =>
    set({ categories: categories.filter((c) => (c.code === code ? on : chosen.has(c.code))).map((c) => c.code) });
  const wrong = (field: string) => problem === field || invalid === field || undefined;

  return (
    <form className="panel hotspot-controls" onSubmit={submit} aria-labelledby="hotspot-controls-title" noValidate>
      <h2 id="hotspot-controls-title" className="visually-hidden">
        {t('hotspots.controls.title')}
      </h2>
      <fieldset>
        <legend>{t('hotspots.controls.window')}</legend>
        <label>
          <span>{t('hotspots.controls.from')}</span>
          <input
            type="date"
            name="from"
            value={draft.from}
            required
            aria-invalid={wrong('from')}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label>
          <span>{t('hotspots.controls.to')}</span>
          <input
            type="date"
            name="to"
            value={draft.to}
            required
            aria-invalid={wrong('to')}
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
        {problem && (
          <p className="field-error" role="alert">
            {t('hotspots.controls.badWindow')}
          </p>
        )}
      </fieldset>

      <fieldset className="hotspot-categories">
        <legend>{t('hotspots.controls.categories')}</legend>
        <details>
          <summary>
            {draft.categories.length === 0
              ? t('hotspots.controls.allCategories')
              : t('hotspots.controls.someCategories', {
                  count: draft.categories.length,
                  value: format.count(draft.categories.length),
                })}
          </summary>
          <div className="category-choices">
            <p className="hint">{t('hotspots.controls.categoriesHint')}</p>
            <ul>
              {categories.map((category) => (
                <li key={category.code}>
                  <label>
                    <input
                      type="checkbox"
                      name="category"
                      value={category.code}
                      checked={chosen.has(category.code)}
                      onChange={(e) => toggle(category.code, e.target.checked)}
                    />
                    {category.labels[format.language]}
                  </label>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="secondary"
              onClick={() => set({ categories: [] })}
              disabled={draft.categories.length === 0}
            >
              {t('hotspots.controls.clearCategories')}
            </button>
          </div>
        </details>
      </fieldset>

      <fieldset>
        <legend>{t('hotspots.controls.grid')}</legend>
        <label>
          <span>{t('hotspots.controls.cellSize')}</span>
          <select
            name="cellSize"
            value={draft.cellSize ?? ''}
            aria-invalid={wrong('cellSize')}
            onChange={(e) => set({ cellSize: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">{t('hotspots.controls.auto')}</option>
            {sizes.map((size) => (
              <option key={size} value={size}>
                {format.metres(size)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('hotspots.controls.kernel')}</span>
          <select
            name="kernel"
            value={draft.kernel}
            aria-invalid={wrong('kernel')}
            onChange={(e) => set({ kernel: e.target.value as Kernel })}
          >
            {kernels.map((kernel) => (
              <option key={kernel} value={kernel}>
                {t(`hotspots.kernel.${kernel}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('hotspots.controls.bandwidth')}</span>
          <input
            type="number"
            name="bandwidth"
            min={1}
            max={50000}
            step={1}
            inputMode="numeric"
            value={bandwidth}
            placeholder={t('hotspots.controls.auto')}
            title={t('hotspots.controls.bandwidthHint')}
            aria-invalid={wrong('bandwidth')}
            onChange={(e) => setBandwidth(e.target.value)}
          />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('hotspots.controls.spots')}</legend>
        <label>
          <span>{t('hotspots.controls.confidence')}</span>
          <select
            name="confidence"
            value={draft.confidence}
            aria-invalid={wrong('confidence')}
            onChange={(e) => set({ confidence: Number(e.target.value) as Confidence })}
          >
            {confidences.map((level) => (
              <option key={level} value={level}>
                {format.percent(level)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('hotspots.controls.period')}</span>
          <select
            name="period"
            value={draft.period}
            aria-invalid={wrong('period')}
            onChange={(e) => set({ period: e.target.value as PeriodUnit })}
          >
            {periodUnits.map((unit) => (
              <option key={unit} value={unit}>
                {t(`hotspots.period.${unit}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('hotspots.controls.overTime')}</legend>
        <label>
          <span>{t('hotspots.controls.scheme')}</span>
          <select
            name="scheme"
            value={draft.scheme}
            title={t('hotspots.controls.schemeHint')}
            aria-invalid={wrong('scheme')}
            onChange={(e) => set({ scheme: e.target.value as Scheme })}
          >
            {schemes.map((scheme) => (
              <option key={scheme} value={scheme}>
                {t(`hotspots.scheme.${scheme}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <div className="hotspot-actions">
        <button type="submit">{t('hotspots.controls.apply')}</button>
        <button type="button" className="secondary" onClick={onReset}>
          {t('hotspots.controls.reset')}
        </button>
      </div>
    </form>
  );
}
