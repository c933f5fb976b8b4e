import { useRef, useState, type KeyboardEvent } from 'react';
import { useStation, useT } from '../../app/station-context';
import { formatNumber } from '../../lib/format';
import { traceKeys, type KeyTrace, type ScanKey, type ScannerOptions } from '../../lib/scanner';
import type { ScannerSettings } from '../../lib/scanner-settings';
import { suggestedGapMs, visibleCode } from './scanner-form';

/**
 * "Test your scanner": a field that records every key it gets, with the browser's own timestamps, and on Enter (or
 * Tab after some keys) shows what the station made of them with the given settings: the code, the gap between each
 * key, and whether it counted as a scan and if not, why.
 */
export function ScannerTest({
  options,
  slowInput,
}: {
  options: Partial<ScannerOptions>;
  slowInput: ScannerSettings['slowInput'];
}) {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const keys = useRef<ScanKey[]>([]);
  const [value, setValue] = useState('');
  const [trace, setTrace] = useState<KeyTrace | null>(null);
  const limit = options.maxGapMs ?? 50;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = e.nativeEvent;
    // Tab with nothing recorded moves the focus as usual: the field must not trap keyboard users.
    const ends = e.key === 'Enter' || (e.key === 'Tab' && keys.current.length > 0);
    keys.current.push({
      key: e.key,
      code: e.code,
      shiftKey: e.shiftKey,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      timeStamp: n.timeStamp,
      isComposing: n.isComposing,
      keyCode: n.keyCode,
      capsLock: e.getModifierState('CapsLock'),
    });
    if (!ends) return;
    e.preventDefault();
    setTrace(traceKeys(keys.current, options));
    keys.current = [];
    setValue('');
  };

  const verdictText = (tr: KeyTrace): string => {
    switch (tr.verdict) {
      case 'scan':
        return t('scanner.test.verdict.scan');
      case 'slow':
        return t('scanner.test.verdict.slow', {
          gap: tr.slowestGapMs,
          limit,
          suggest: suggestedGapMs(tr.slowestGapMs),
        });
      case 'too-short':
        return t('scanner.test.verdict.too-short', { count: tr.raw.length, min: options.minLength ?? 4 });
      case 'ime':
        return t('scanner.test.verdict.ime');
      case 'empty':
        return t('scanner.test.verdict.empty');
    }
  };

  return (
    <section className="settings-section scanner-test" aria-labelledby="scanner-test-title">
      <h2 id="scanner-test-title">{t('scanner.test.title')}</h2>
      <p className="hint">{t('scanner.test.hint')}</p>
      <label className="field">
        <span className="visually-hidden">{t('scanner.test.title')}</span>
        <input
          className="scanner-test-input"
          data-testid="scanner-test-input"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          lang="en"
          placeholder={t('scanner.test.placeholder')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      {trace && (
        <div
          className={trace.verdict === 'scan' ? 'scanner-test-result good' : 'scanner-test-result bad'}
          data-testid="scanner-test-result"
          data-verdict={trace.verdict}
          role="status"
        >
          <p className="scanner-test-verdict">
            <span aria-hidden="true">{trace.verdict === 'scan' ? '✓' : '✕'}</span> {verdictText(trace)}
          </p>
          {trace.verdict === 'slow' && (
            <p className="scanner-test-onpack">
              {slowInput === 'scan' ? t('scanner.test.onPack.scan') : t('scanner.test.onPack.report')}
            </p>
          )}
          <dl className="scanner-test-facts">
            <dt>{t('scanner.test.code')}</dt>
            <dd className="mono" data-testid="scanner-test-code">
              {visibleCode(trace.code)}
            </dd>
            {trace.raw !== trace.code && (
              <>
                <dt>{t('scanner.test.raw')}</dt>
                <dd className="mono" data-testid="scanner-test-raw">
                  {visibleCode(trace.raw)}
                </dd>
              </>
            )}
            <dt>{t('scanner.test.keys', { count: trace.raw.length })}</dt>
            <dd className="scanner-test-gaps" data-testid="scanner-test-gaps">
              {trace.gaps.map((gap, i) => (
                <span
                  key={i}
                  className={gap > limit ? 'gap over' : 'gap'}
                  title={gap > limit ? t('scanner.test.overLimit') : undefined}
                >
                  {formatNumber(locale, gap)}
                  {gap > limit && <span aria-label={t('scanner.test.overLimit')}>!</span>}
                </span>
              ))}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
