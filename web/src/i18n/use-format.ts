import { useTranslation } from 'react-i18next';
import { formatters, type Formatters } from './format.js';
import { currentLanguage, type Language } from './index.js';

/** The current language and its formatters; components re-render when the language changes. */
export function useFormat(): Formatters & { language: Language } {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return { ...formatters(language), language };
}
