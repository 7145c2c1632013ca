import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../../app/health.js';
import { useFormat } from '../../i18n/use-format.js';

const sources = [
  { key: 'hcp', href: 'https://www.hcp.ma/' },
  { key: 'osm', href: 'https://www.openstreetmap.org/copyright' },
  { key: 'geonames', href: 'https://www.geonames.org/' },
  { key: 'iccs', href: 'https://www.unodc.org/unodc/en/data-and-analysis/statistics/iccs.html' },
] as const;

/** Where the figures and the maps come from, under which licences, and what in the demo is generated. */
export function AboutPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useHealth();
  useEffect(() => {
    document.title = `${t('about.title')} — ${t('app.name')}`;
  }, [t]);
  return (
    <article className="about panel">
      <h1>{t('about.title')}</h1>
      <p>{t('about.lead')}</p>

      <h2>{t('about.sourcesTitle')}</h2>
      <dl className="sources">
        {sources.map((source) => (
          <div key={source.key}>
            <dt>
              <a href={source.href} rel="noreferrer" target="_blank">
                {t(`about.source.${source.key}.name`)}
              </a>
            </dt>
            <dd>
              {t(`about.source.${source.key}.use`)} <strong>{t(`about.source.${source.key}.licence`)}</strong>
            </dd>
          </div>
        ))}
      </dl>

      <h2>{t('about.syntheticTitle')}</h2>
      <p>{t('about.synthetic')}</p>
      <p>{t('about.generatedAreas')}</p>

      <h2>{t('about.methodTitle')}</h2>
      <ul>
        <li>{t('about.method.window')}</li>
        <li>{t('about.method.change')}</li>
        <li>{t('about.method.rate')}</li>
        <li>{t('about.method.cells')}</li>
      </ul>

      {health && (
        <p className="about-server">
          {t('about.server', {
            version: health.version,
            engine: health.engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
          })}
          {health.dataUntil && ` ${t('about.dataUntil', { day: format.day(health.dataUntil) })}`}
        </p>
      )}
    </article>
  );
}
