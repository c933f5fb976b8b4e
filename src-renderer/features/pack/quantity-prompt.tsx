import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PackState } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import './quantity-prompt.css';

type Prompt = NonNullable<PackState['quantityPrompt']>;

/**
 * The quantity prompt of a line of many units: its item was scanned once, the packer types how many go in and
 * confirms by scanning the item again (or Enter); Escape scans the line one at a time instead. The core holds the
 * prompt and the count, so a scan confirms what was typed even though it never passes through this field.
 */
export function QuantityPrompt() {
  const prompt = useStation((s) => s.pack?.quantityPrompt ?? null);
  if (!prompt) return null;
  // A new prompt (another line, or the same line after more units) starts with an empty field.
  return <PromptDialog key={`${prompt.lineNo}:${prompt.scanned}`} prompt={prompt} />;
}

/** Digits only: anything else is no count yet. */
const countOf = (text: string): number | null => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null);

function PromptDialog({ prompt }: { prompt: Prompt }) {
  const t = useT();
  const controller = useController();
  const [text, setText] = useState(prompt.count === null ? '' : String(prompt.count));
  const field = useRef<HTMLInputElement>(null);
  const remaining = prompt.required - prompt.scanned;
  const count = countOf(text);
  const tooMany = count !== null && count > remaining;

  useEffect(() => field.current?.focus(), []);

  // Each change goes to the core, so the item scanned again confirms exactly what the field shows.
  const change = (value: string) => {
    setText(value);
    void controller.invoke('pack:quantity', { action: 'set', count: countOf(value) }).catch(() => undefined);
  };
  const apply = (value: number) =>
    void controller.invoke('pack:quantity', { action: 'apply', count: value }).catch(() => undefined);
  const oneByOne = () => void controller.invoke('pack:quantity', { action: 'cancel' }).catch(() => undefined);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      oneByOne();
      return;
    }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const value = e.currentTarget.value.trim();
    // Where the scanner's keys reach this field, its scan of the item arrives here: count + barcode + Enter.
    const item = [prompt.barcode, prompt.sku].find((code) => value.endsWith(code) && value.length > code.length);
    const typed = countOf(item ? value.slice(0, -item.length) : value);
    if (typed !== null) apply(typed);
  };

  return (
    <section
      className="quantity-prompt"
      role="dialog"
      aria-modal="false"
      aria-labelledby="quantity-prompt-title"
      data-testid="quantity-prompt"
      data-line={prompt.lineNo}
    >
      <h2 id="quantity-prompt-title">{t('pack.quantity.title', { sku: prompt.sku })}</h2>
      <div className="quantity-name">{prompt.name}</div>
      <div className="quantity-progress" data-testid="quantity-progress">
        {t('pack.quantity.progress', { required: prompt.required, scanned: prompt.scanned })}
      </div>
      <label className="quantity-field">
        <span>{t('pack.quantity.label')}</span>
        <input
          ref={field}
          data-testid="quantity-input"
          data-scan-field
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          lang="en"
          value={text}
          aria-invalid={tooMany}
          onChange={(e) => change(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      {tooMany ? (
        <div className="quantity-warning" role="alert">
          {t('pack.quantity.tooMany', { remaining })}
        </div>
      ) : (
        <div className="quantity-hint">{t('pack.quantity.hint')}</div>
      )}
      <div className="quantity-actions">
        <button
          type="button"
          className="primary"
          data-testid="quantity-confirm"
          disabled={count === null || count < 1 || tooMany}
          onClick={() => count !== null && apply(count)}
        >
          {t('pack.quantity.confirm')}
        </button>
        <button type="button" data-testid="quantity-one-by-one" onClick={oneByOne}>
          {t('pack.quantity.oneByOne')}
        </button>
      </div>
    </section>
  );
}
