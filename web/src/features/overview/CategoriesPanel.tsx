import { useTranslation } from 'react-i18next';
import { categories as categoryList } from '../../../../src/domain/category.js';
import type { Overview } from '../../../../src/contract/stats.js';
import { useFormat } from '../../i18n/use-format.js';
import { Change } from './figures.js';

const byCode = new Map<string, (typeof categoryList)[number]>(categoryList.map((c) => [c.code, c]));

/** Incidents by offence category (ICCS), largest first, with a bar for each one's share of the largest. */
export function CategoriesPanel({ categories }: { categories: Overview['categories'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = categories
    .filter((c) => c.current > 0 || c.previous > 0)
    .sort((a, b) => b.current - a.current || b.previous - a.previous);
  const max = Math.max(1, ...rows.map((c) => c.current));

  return (
    <section className="panel categories" aria-labelledby="categories-title">
      <h2 id="categories-title">{t('categories.title')}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('categories.none')}</p>
      ) : (
        <table className="categories-table">
          <thead>
            <tr>
              <th scope="col">{t('categories.category')}</th>
              <th scope="col" className="numeric">
                {t('table.column.current')}
              </th>
              <th scope="col" className="numeric">
                {t('table.column.changePct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const category = byCode.get(row.category);
              return (
                <tr key={row.category}>
                  <th scope="row">
                    <span className="category-name">{category?.labels[format.language] ?? row.category}</span>
                    {category && (
                      <span className="category-code" title={t('categories.iccsTitle')}>
                        {t('categories.iccs', { code: category.iccs })}
                        {category.violent && ` · ${t('categories.violent')}`}
                      </span>
                    )}
                    <span className="category-bar" aria-hidden="true">
                      <span style={{ inlineSize: `${(100 * row.current) / max}%` }} />
                    </span>
                  </th>
                  <td className="numeric">{format.count(row.current)}</td>
                  <td className="numeric">
                    <Change value={row.changePct} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
