import { useEffect } from 'react';
import { useController, useStation, useT } from '../../app/station-context';

/** Keys that are not "another key" for the prompt: the capture handles them (Escape cancels, Enter confirms). */
const OWN_KEYS = new Set(['Escape', 'Enter', ' ', 'Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

/**
 * The question after Escape on the pack screen: cancel the open order (Escape again, or the CANCEL barcode), or,
 * with a printed label, why it cannot be cancelled here. Any other key or scan closes it and packing goes on.
 */
export function PackPrompt() {
  const t = useT();
  const controller = useController();
  const prompt = useStation((s) => s.packPrompt);
  const setPrompt = useStation((s) => s.setPackPrompt);

  useEffect(() => {
    if (!prompt) return;
    const onKey = (e: KeyboardEvent) => {
      if (!OWN_KEYS.has(e.key)) setPrompt(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prompt, setPrompt]);

  if (!prompt) return null;
  const cancel = () => {
    setPrompt(null);
    // The new state arrives as pack:changed.
    void controller.invoke('pack:cancel', {}).catch(() => undefined);
  };
  return (
    <section className="pack-prompt" data-testid="pack-prompt" data-kind={prompt.kind} role="alert">
      <div className="pack-prompt-icon" aria-hidden="true">
        ?
      </div>
      <div className="pack-prompt-body">
        <div className="pack-prompt-title">
          {prompt.kind === 'cancel'
            ? t('pack.cancelPrompt.title', { orderNo: prompt.orderNo })
            : t('pack.printedPrompt.title', { orderNo: prompt.orderNo })}
        </div>
        <div className="pack-prompt-text">
          {prompt.kind === 'cancel' ? t('pack.cancelPrompt.text') : t('pack.printedPrompt.text')}
        </div>
        {prompt.kind === 'cancel' && (
          <div className="pack-prompt-actions">
            <button type="button" className="danger" data-testid="pack-prompt-cancel" onClick={cancel}>
              {t('pack.cancelPrompt.cancel')}
            </button>
            <button type="button" data-testid="pack-prompt-keep" onClick={() => setPrompt(null)}>
              {t('pack.cancelPrompt.keep')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
