import { useTranslation } from 'react-i18next';
import type { AreaDetail } from '../../../../src/contract/areas.js';
import { Link } from '../../app/router.js';
import { areaPath } from '../../app/routes.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';

/**
 * The way back up: the area's ancestors from the country down. Those above the user's own area are shown for
 * context but are not links, since the server would refuse them.
 */
export function Breadcrumb({
  area,
  scopeCode,
  pathOf = areaPath,
}: {
  area: AreaDetail;
  scopeCode: string | null;
  /** Where an ancestor leads: its overview, unless a page keeps its own kind of page (its black spots…). */
  pathOf?: (code: string) => string;
}) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const trail = [...area.ancestors, area];
  const scopeIndex = scopeCode === null ? 0 : trail.findIndex((a) => a.code === scopeCode);
  return (
    <nav className="breadcrumb" aria-label={t('breadcrumb.label')}>
      <ol>
        {trail.map((item, index) => {
          const last = index === trail.length - 1;
          const reachable = scopeIndex >= 0 && index >= scopeIndex;
          return (
            <li key={item.code}>
              {last ? (
                <span aria-current="page">{areaName(item, language)}</span>
              ) : reachable ? (
                <Link to={pathOf(item.code)}>{areaName(item, language)}</Link>
              ) : (
                <span className="breadcrumb-outside">{areaName(item, language)}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
