import { useTranslation } from 'react-i18next';
import { Link } from './router.js';

/** Says plainly that the figures on screen were generated for the demo and describe no real event. */
export function SyntheticNotice() {
  const { t } = useTranslation();
  return (
    <p className="notice notice-synthetic" role="note" data-testid="synthetic-notice">
      <strong>{t('synthetic.title')}</strong> {t('synthetic.body')} <Link to="/about">{t('synthetic.more')}</Link>
    </p>
  );
}
