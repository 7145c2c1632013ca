import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../src/contract/common.js';
import { areaKinds, areaLevels } from '../../../src/domain/area.js';
import { roles } from '../../../src/domain/role.js';
import { clientErrorCodes } from '../api.js';
import { intlLocales, languages, resources, type Language } from './index.js';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** A locale's keys with plural forms folded into their base key, and the forms each plural key has. */
function shape(language: Language) {
  const messages: Record<string, string> = resources[language];
  const keys = Object.keys(messages);
  const plurals = new Map<string, string[]>();
  for (const key of keys) {
    const base = key.replace(pluralSuffix, '');
    if (base !== key && keys.includes(`${base}_other`)) {
      plurals.set(base, [...(plurals.get(base) ?? []), key.slice(base.length + 1)]);
    }
  }
  const bases = new Set(
    keys.map((key) => key.replace(pluralSuffix, '')).filter((b) => plurals.has(b) || keys.includes(b)),
  );
  return { messages, keys, plurals, bases };
}

describe('translations', () => {
  const shapes = Object.fromEntries(languages.map((l) => [l, shape(l)])) as Record<Language, ReturnType<typeof shape>>;

  it.each(languages)('%s has every key the Arabic file has, and no other', (language) => {
    expect([...shapes[language].bases].sort()).toEqual([...shapes.ar.bases].sort());
  });

  it.each(languages)('%s gives each plural key exactly the plural forms its language uses', (language) => {
    const categories = new Intl.PluralRules(intlLocales[language]).resolvedOptions().pluralCategories;
    expect([...shapes[language].plurals.keys()].sort()).toEqual([...shapes.ar.plurals.keys()].sort());
    for (const [base, forms] of shapes[language].plurals) {
      expect({ base, forms: [...forms].sort() }).toEqual({ base, forms: [...categories].sort() });
    }
  });

  it.each(languages)('%s uses the same placeholders as Arabic in every message that is not a plural', (language) => {
    const { messages, plurals } = shapes[language];
    for (const [key, text] of Object.entries(messages)) {
      if (plurals.has(key.replace(pluralSuffix, ''))) continue;
      expect({ key, variables: variables(text) }).toEqual({ key, variables: variables(shapes.ar.messages[key] ?? '') });
    }
  });

  it.each(languages)('%s has no empty message', (language) => {
    for (const [key, text] of Object.entries(shapes[language].messages)) {
      expect({ key, text: text.trim() === '' }).toEqual({ key, text: false });
    }
  });

  it('translates every error code the API or the browser can give', () => {
    const codes = [...errorCodes, ...clientErrorCodes, 'UNEXPECTED'];
    for (const language of languages) {
      for (const code of codes) {
        expect(shapes[language].bases.has(`error.${code}`), `${language} error.${code}`).toBe(true);
      }
    }
  });

  it('names every role, area kind and area level', () => {
    const keys = [
      ...roles.map((r) => `role.${r}`),
      ...areaKinds.map((k) => `kind.${k}`),
      ...areaLevels.map((l) => `level.${l}`),
      ...areaLevels.filter((l) => l !== 'country').map((l) => `table.caption.${l}`),
    ];
    for (const key of keys) expect(shapes.ar.bases.has(key), key).toBe(true);
  });
});
