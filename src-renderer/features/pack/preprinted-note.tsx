import { useStation, useT } from '../../app/station-context';
import './reprint-last.css';

/** The open order's waybill was printed in a batch: the packer scans the items and confirms that label. */
export function PreprintedNote() {
  const t = useT();
  const preprinted = useStation((s) => s.pack?.preprinted ?? null);
  if (!preprinted) return null;
  return (
    <div className="preprinted-note" data-testid="preprinted-note" role="status">
      {t('pack.preprinted', { trackingNumber: preprinted.trackingNumber })}
    </div>
  );
}
