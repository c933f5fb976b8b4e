import { useState, type KeyboardEvent } from 'react';
import { useController, useT } from '../../app/station-context';

/**
 * Manual entry for a person: type an order number (or any code) and press Enter to send it as a scan. Scanner
 * bursts never land here: the global capture swallows them.
 */
export function ScanInput() {
  const t = useT();
  const controller = useController();
  const [value, setValue] = useState('');
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    // Read the DOM value: characters the scanner capture held back are given back just before this Enter.
    const code = e.currentTarget.value.trim();
    if (!code) return;
    e.preventDefault();
    setValue('');
    void controller.scan(code);
  };
  return (
    <label className="scan-input">
      <span className="scan-input-label">{t('pack.scanInput.label')}</span>
      <input
        data-testid="scan-input"
        data-scan-field
        type="text"
        inputMode="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        lang="en"
        placeholder={t('pack.scanInput.placeholder')}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </label>
  );
}
