import { describe, expect, it } from 'vitest';
import { packErrorCodeSchema, REFUSAL_CODES, refusals, type RefusalSpec } from '../../../src-main/contract';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { initialLocale, t } from '../../../src-renderer/i18n';
import { CLIENT_ERROR_CODES, errorText } from '../../../src-renderer/lib/error-text';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe('i18n dictionaries', () => {
  it('have identical keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const dict of [en, zhCN]) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('use in Chinese only placeholders the English text has (English may add English-only details)', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const english = new Set(placeholders(en[key]));
      for (const name of placeholders(zhCN[key])) expect(english.has(name), `${key}: {${name}}`).toBe(true);
    }
  });
});

describe('refusal translations', () => {
  const dictionaries = { en, 'zh-CN': zhCN } as const;
  const keysOf = (code: string) => [`error.${code}`, `error.${code}.hint`];

  it('translate every refusal code the contract declares, and every code the screen raises, in both languages', () => {
    const missing: string[] = [];
    for (const code of [...REFUSAL_CODES, ...CLIENT_ERROR_CODES]) {
      for (const [locale, dictionary] of Object.entries(dictionaries)) {
        for (const key of keysOf(code)) if (!Object.hasOwn(dictionary, key)) missing.push(`${locale} ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('use only the parameters a code declares, and no English detail in Chinese', () => {
    const wrong: string[] = [];
    for (const code of REFUSAL_CODES) {
      const spec: RefusalSpec = refusals[code];
      const params = new Set(spec.params ?? []);
      const details = new Set(spec.details ?? []);
      for (const key of keysOf(code)) {
        for (const name of placeholders(en[key as keyof typeof en]))
          if (!params.has(name) && !details.has(name)) wrong.push(`en ${key}: {${name}} is not a parameter of ${code}`);
        for (const name of placeholders(zhCN[key as keyof typeof en]))
          if (!params.has(name)) wrong.push(`zh-CN ${key}: {${name}} is not a parameter ${code} may show in Chinese`);
      }
    }
    for (const code of CLIENT_ERROR_CODES) {
      for (const key of keysOf(code)) {
        for (const [locale, dictionary] of Object.entries(dictionaries)) {
          const names = placeholders(dictionary[key as keyof typeof en]);
          if (names.length > 0) wrong.push(`${locale} ${key}: the screen's own codes carry no parameters`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('give the packing screen a code for every refusal, so a new code cannot reach it untranslated', () => {
    expect([...packErrorCodeSchema.options].sort()).toEqual([...REFUSAL_CODES].sort());
  });
});

describe('t', () => {
  it('fills params and formats numbers per locale', () => {
    expect(t('en', 'status.outbox', { count: 1234 })).toBe('Outbox 1,234');
    expect(t('zh-CN', 'pack.shipped', { orderNo: 'SO-100001', trackingNumber: 'DS000000000017' })).toBe(
      '已发货 SO-100001 · DS000000000017',
    );
  });

  it('shows a dash for a missing param instead of the placeholder', () => {
    expect(t('en', 'error.wrong-item', {})).toBe('Wrong item: — is not in this order');
  });
});

describe('initialLocale', () => {
  it('prefers the saved choice, then the browser language', () => {
    expect(initialLocale('en', 'zh-CN')).toBe('en');
    expect(initialLocale(null, 'zh-TW')).toBe('zh-CN');
    expect(initialLocale(null, 'de-DE')).toBe('en');
    expect(initialLocale('fr', undefined)).toBe('en');
  });
});

describe('errorText', () => {
  it('translates by code and params', () => {
    const wrong = { code: 'wrong-item', message: 'Wrong item', params: { barcode: '6901234567892' } };
    expect(errorText('en', wrong).title).toBe('Wrong item: 6901234567892 is not in this order');
    expect(errorText('zh-CN', wrong).title).toContain('6901234567892');
  });

  it('names a code it does not know without showing the core message', () => {
    const text = errorText('zh-CN', { code: 'printer-on-fire', params: { detail: 'Printer on fire' } });
    expect(text.title).toContain('printer-on-fire');
    expect(`${text.title}${text.hint}`).not.toContain('Printer on fire');
  });

  it('shows the correlation id of an internal failure in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = errorText(locale, { code: 'internal', correlationId: 'k3Xq9Z_aB1' });
      expect(text.title + text.hint).toContain('k3Xq9Z_aB1');
    }
  });

  it('translates parameters that are codes themselves (printer conditions, fee kinds)', () => {
    const notReady = { code: 'printer-not-ready', params: { condition: 'paper-out', printer: 'tcp://10.0.0.5:9100' } };
    expect(errorText('zh-CN', notReady).title).toContain('缺纸');
    expect(errorText('en', notReady).title).toContain('out of paper');
    const fee = { code: 'fee-already-posted', params: { trackingNumber: 'SF1', kind: 'freight' } };
    expect(errorText('zh-CN', fee).title).toBe('SF1 的运费已经提交过');
  });

  it('keeps English details out of the Chinese text', () => {
    const failed = { code: 'print-failed', params: { reason: 'connect ECONNREFUSED 10.0.0.5:9100' } };
    expect(errorText('en', failed).title).toContain('ECONNREFUSED');
    expect(errorText('zh-CN', failed).title + errorText('zh-CN', failed).hint).not.toMatch(/[A-Za-z]{3,}/);
  });
});
