import { useTranslation } from 'react-i18next';
import { Link } from './router.js';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/" className="button-link">
        {t('overview.backHome')}
      </Link>
    </div>
  );
}
