import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import type { PackState } from '../../../src-main/contract';
import { useT } from '../../app/station-context';

type Label = NonNullable<PackState['label']>;

/** The screen's device pixels per CSS pixel (Windows desktops often run at 125 % or 150 %). */
const devicePixels = () => window.devicePixelRatio || 1;

/**
 * The label raster dot for dot: one image pixel on one device pixel, never smoothed, scrollable when it is larger
 * than the screen. Escape or a click closes it; scans keep working underneath (a label scan confirms and closes
 * it with the order). Drawn on the page's body so nothing dimmed or clipped around the preview affects it.
 */
export function LabelZoom({ label, onClose }: { label: Label; onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [ratio, setRatio] = useState(devicePixels);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    const onResize = () => setRatio(devicePixels());
    window.addEventListener('keydown', onKey);
    window.addEventListener('resize', onResize);
    dialog.current?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('resize', onResize);
    };
  }, [onClose]);

  const measure = (img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth > 0 && !natural) {
      setNatural({ width: img.naturalWidth, height: img.naturalHeight });
    }
  };
  // CSS pixels that land on exactly one device pixel per dot; hidden until the raster's size is known.
  const size: CSSProperties = natural
    ? { width: `${natural.width / ratio}px`, height: `${natural.height / ratio}px` }
    : { visibility: 'hidden' };

  return createPortal(
    <div
      ref={dialog}
      className="label-zoom"
      data-testid="label-zoom"
      role="dialog"
      aria-modal="true"
      aria-label={t('pack.label.title', { trackingNumber: label.trackingNumber })}
      tabIndex={-1}
      onClick={onClose}
    >
      <div className="label-zoom-bar">
        <span>
          {t('pack.label.zoomTitle', {
            trackingNumber: label.trackingNumber,
            width: natural?.width ?? '',
            height: natural?.height ?? '',
          })}
        </span>
        <span className="label-zoom-close">{t('pack.label.zoomClose')}</span>
      </div>
      <img
        ref={measure}
        className="label-zoom-image"
        data-testid="label-zoom-image"
        src={label.previewPng}
        alt={t('pack.label.alt', { trackingNumber: label.trackingNumber })}
        style={size}
        onLoad={(event) => measure(event.currentTarget)}
      />
    </div>,
    document.body,
  );
}
