import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const languages = ['ar', 'fr', 'en'] as const;
export type Language = (typeof languages)[number];

/** The `Intl` locale of each language: Moroccan Arabic and French conventions, plain English. */
export const intlLocales: Record<Language, string> = { ar: 'ar-MA', fr: 'fr-MA', en: 'en' };
const directions: Record<Language, 'rtl' | 'ltr'> = { ar: 'rtl', fr: 'ltr', en: 'ltr' };
/** Each language's own name, shown in the switch whatever the current language. */
export const languageNames: Record<Language, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

export const resources = { ar, fr, en } as const;
const storageKey = 'istibaq.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language chosen earlier on this browser, else Arabic. */
function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    return isLanguage(saved) ? saved : 'ar';
  } catch {
    return 'ar';
  }
}

/** The one place that writes `<html lang dir>`; everything else follows through CSS logical properties. */
function applyLanguage(language: string): void {
  const lang = isLanguage(language) ? language : 'ar';
  document.documentElement.lang = lang;
  document.documentElement.dir = directions[lang];
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

export async function setupI18n(): Promise<void> {
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    resources: {
      ar: { translation: ar },
      fr: { translation: fr },
      en: { translation: en },
    },
    lng: storedLanguage(),
    fallbackLng: false,
    supportedLngs: [...languages],
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

/** The current language, narrowed to the three the app speaks. */
export function currentLanguage(language: string): Language {
  return isLanguage(language) ? language : 'ar';
}
