import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';

/** A day (YYYY-MM-DD) `days` after another. */
function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * One line of the perception survey for an area over the 365 days to `until`: the share who feel safe and the mean
 * answer, or how many answered while too few have to show anything.
 */
export function PerceptionLine({ code, until }: { code: string; until: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const result = useResource(`overview-perception:${code}:${until}`, (signal) =>
    api.perception({ area: code, from: shiftDay(until, -364), to: until }, signal),
  );
  if (result.status !== 'ready') return null;
  const r = result.data;
  return (
    <p className="overview-perception" data-testid="overview-perception">
      {r.withheld || r.shareSafe === null || r.mean === null
        ? t('citizen.perceptionWithheld', { n: format.count(r.n), min: format.count(r.minResponses) })
        : t('citizen.perceptionLine', {
            share: format.share(r.shareSafe),
            mean: format.decimal(r.mean),
            n: format.count(r.n),
          })}
    </p>
  );
}
