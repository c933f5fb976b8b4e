import { useCallback, useState, type CSSProperties } from 'react';
import type { PackState } from '../../../src-main/contract';
import { useStation, useT } from '../../app/station-context';
import { shownError } from '../../state/store';
import { LabelZoom } from './label-zoom';

type Label = NonNullable<PackState['label']>;

/**
 * The printed label, as large as the space beside the lines allows. It is the 1-bit raster the core rendered at
 * the printer's dpi (what you see is what printed); a click opens it dot for dot. A refusal closes the zoom, so
 * the error panel is never hidden behind it.
 */
export function LabelPreview({ label }: { label: Label }) {
  const t = useT();
  const hasError = useStation((s) => shownError(s) !== null);
  const [zoomed, setZoomed] = useState(false);
  const close = useCallback(() => setZoomed(false), []);
  // A refusal closes the zoom for good (it does not come back once the refusal is acknowledged).
  if (hasError && zoomed) setZoomed(false);
  // The column's width follows the label's own proportions at the height the screen gives it (styles.css).
  const printedOn = t('pack.label.printer', { printer: label.printer, width: label.widthMm, height: label.heightMm });
  const proportions = { '--label-ratio': String(label.widthMm / label.heightMm) } as CSSProperties;
  return (
    <figure className="label" data-testid="label" style={proportions}>
      <figcaption>{t('pack.label.title', { trackingNumber: label.trackingNumber })}</figcaption>
      <button
        type="button"
        className="label-open"
        data-testid="label-zoom-open"
        title={t('pack.label.zoomTip')}
        onClick={() => setZoomed(true)}
      >
        <img
          data-testid="label-preview"
          data-tracking={label.trackingNumber}
          src={label.previewPng}
          alt={t('pack.label.alt', { trackingNumber: label.trackingNumber })}
        />
      </button>
      <div className="label-meta">
        <span className="label-printer" title={printedOn}>
          {printedOn}
        </span>
        <span className="label-zoom-hint">
          <span aria-hidden="true">⤢</span> {t('pack.label.zoom')}
        </span>
      </div>
      {zoomed && !hasError && <LabelZoom label={label} onClose={close} />}
    </figure>
  );
}
