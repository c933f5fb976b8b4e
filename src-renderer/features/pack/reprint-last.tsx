import { useState } from 'react';
import { useController, useStation, useT } from '../../app/station-context';
import { formatTime } from '../../lib/format';
import './reprint-last.css';

/** Logged as the reason of a reprint asked for with the button (the REPRINT barcode logs its own). */
const BUTTON_REASON = 'reprint button on the Pack screen after confirm';

/**
 * After confirm: an explicit second copy of the parcel just shipped (the button, or the REPRINT barcode), and the
 * copy it printed last. Each copy is its own print job pointing at the first, with who asked and why.
 */
export function ReprintLast() {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const shipped = useStation((s) => s.pack?.lastShipped ?? null);
  const reprint = useStation((s) => s.pack?.lastReprint ?? null);
  const [busy, setBusy] = useState(false);
  if (!shipped) return null;
  const ask = () => {
    setBusy(true);
    // The new state arrives as pack:changed; a refusal (printer out of paper) shows in the error panel from there.
    void controller
      .invoke('pack:reprint', { reason: BUTTON_REASON })
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <div className="reprint-last" data-testid="reprint-last">
      <button type="button" data-testid="reprint-last-button" disabled={busy} onClick={ask}>
        {t('pack.reprintLast', { trackingNumber: shipped.trackingNumber })}
      </button>
      <span className="reprint-hint">{t('pack.reprintLast.hint')}</span>
      {reprint && reprint.orderNo === shipped.orderNo && (
        <span className="reprint-done" role="status" data-testid="reprint-done" data-job={reprint.jobId}>
          ✓ {t('pack.reprinted', { trackingNumber: reprint.trackingNumber, time: formatTime(locale, reprint.at) })}
        </span>
      )}
    </div>
  );
}
