import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { briefLanguages, type BriefLanguage } from '../../../../src/contract/brief.js';
import { api, briefDocument, briefUrl } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link, replaceQuery } from '../../app/router.js';
import { compstatPath, plansPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { languageNames } from '../../i18n/index.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { isWeek, shiftWeek } from './week.js';
import './brief.css';

interface Settings {
  week: string | null;
  lang: BriefLanguage | null;
}

function readSettings(search: string): Settings {
  const params = new URLSearchParams(search);
  const week = params.get('week');
  const lang = params.get('lang');
  return {
    week: week !== null && isWeek(week) ? week : null,
    lang: (briefLanguages as readonly string[]).includes(lang ?? '') ? (lang as BriefLanguage) : null,
  };
}

function writeSettings(settings: Settings): string {
  const params = new URLSearchParams();
  if (settings.week !== null) params.set('week', settings.week);
  if (settings.lang !== null) params.set('lang', settings.lang);
  return params.toString();
}

/**
 * The meeting brief of an area (/brief/CODE?week=2026-W47&lang=fr): the same document the PDF prints, shown in
 * the page, with the week and the document's language to choose and the PDF to download.
 */
export function BriefPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const [settings, setSettings] = useState<Settings>(() => readSettings(window.location.search));
  const [weekText, setWeekText] = useState(settings.week ?? '');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => replaceQuery(writeSettings(settings)), [settings]);
  const frame = useRef<HTMLIFrameElement>(null);

  const detail = useResource(`area:${code}`, (signal) => api.area(code, signal));
  const lang = settings.lang ?? language;
  const query = { area: code, lang, ...(settings.week === null ? {} : { week: settings.week }) };
  const key = `brief:${JSON.stringify(query)}:${attempt}`;
  const document = useResource(key, (signal) => briefDocument(query, signal));
  const shownWeek = document.status === 'ready' ? /data-week="([^"]+)"/.exec(document.data)?.[1] : undefined;
  const week = settings.week ?? shownWeek ?? null;

  useEffect(() => {
    if (week !== null) setWeekText(week);
  }, [week]);

  const go = (next: string | null) => {
    if (next !== null && isWeek(next)) setSettings((s) => ({ ...s, week: next }));
  };
  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (frame.current && doc) frame.current.style.height = `${doc.documentElement.scrollHeight + 24}px`;
  };
  const name = detail.status === 'ready' ? areaName(detail.data, language) : code;

  return (
    <div className="brief-page">
      <header className="brief-header">
        <h1>
          {t('brief.title')} — {name}
        </h1>
        <p className="brief-links">
          <Link to={compstatPath(code)}>{t('brief.toCompstat')}</Link> ·{' '}
          <Link to={plansPath(code)}>{t('brief.toPlans')}</Link>
        </p>
      </header>
      <form
        className="brief-controls"
        onSubmit={(event) => {
          event.preventDefault();
          go(weekText.trim());
        }}
      >
        <div className="brief-week">
          <label htmlFor="brief-week">{t('brief.week')}</label>
          <button type="button" className="secondary" onClick={() => week && go(shiftWeek(week, -1))} disabled={!week}>
            {t('brief.previousWeek')}
          </button>
          <input
            id="brief-week"
            dir="ltr"
            value={weekText}
            placeholder="2026-W47"
            pattern="\d{4}-W\d{2}"
            aria-invalid={weekText !== '' && !isWeek(weekText)}
            onChange={(event) => setWeekText(event.target.value)}
          />
          <button type="button" className="secondary" onClick={() => week && go(shiftWeek(week, 1))} disabled={!week}>
            {t('brief.nextWeek')}
          </button>
          <button type="submit">{t('brief.show')}</button>
        </div>
        <div className="brief-language">
          <label htmlFor="brief-lang">{t('brief.language')}</label>
          <select
            id="brief-lang"
            value={lang}
            onChange={(event) => setSettings((s) => ({ ...s, lang: event.target.value as BriefLanguage }))}
          >
            {briefLanguages.map((l) => (
              <option key={l} value={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </div>
        <a className="button" href={briefUrl('pdf', query)} download data-testid="brief-pdf">
          {t('brief.downloadPdf')}
        </a>
      </form>
      {document.status === 'error' ? (
        <ErrorNotice error={document.error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : document.status === 'ready' ? (
        <iframe
          ref={frame}
          className="brief-frame"
          title={t('brief.documentTitle')}
          sandbox="allow-same-origin"
          srcDoc={document.data}
          onLoad={fit}
          data-testid="brief-frame"
        />
      ) : (
        <Loading />
      )}
    </div>
  );
}
