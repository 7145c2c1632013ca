import { useTranslation } from 'react-i18next';
import type { Period } from './settings.js';

/** Two day pickers: the first and last local days of a period. */
export function PeriodForm({
  days,
  onChange,
  children,
}: {
  days: { from: string; to: string };
  onChange: (period: Partial<Period>) => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form className="period-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('response.from')}
        <input
          type="date"
          name="from"
          value={days.from}
          max={days.to}
          onChange={(e) => e.target.value && onChange({ from: e.target.value })}
        />
      </label>
      <label>
        {t('response.to')}
        <input
          type="date"
          name="to"
          value={days.to}
          min={days.from}
          onChange={(e) => e.target.value && onChange({ to: e.target.value })}
        />
      </label>
      {children}
    </form>
  );
}
