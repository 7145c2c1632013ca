import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.js';

/**
 * A change against last year: red when incidents rose, green when they fell. "—" when the server withholds it
 * because last year's count was too small to compare (a rise from 2 to 4 is not "+100 %" worth reading).
 */
export function Change({ value }: { value: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (value === null) {
    return (
      <span className="figure-missing" title={t('figures.changeTooSmall')}>
        —<span className="visually-hidden">{t('figures.changeTooSmall')}</span>
      </span>
    );
  }
  const rounded = Math.round(value);
  const trend = rounded > 0 ? 'change-up' : rounded < 0 ? 'change-down' : 'change-flat';
  return <span className={trend}>{format.change(value)}</span>;
}

/** A figure that may be unknown (no population for a rate, no incidents for a share). */
export function Maybe({
  value,
  show,
  missing,
}: {
  value: number | null;
  show: (v: number) => string;
  missing: string;
}) {
  if (value === null) {
    return (
      <span className="figure-missing" title={missing}>
        —<span className="visually-hidden">{missing}</span>
      </span>
    );
  }
  return <>{show(value)}</>;
}
