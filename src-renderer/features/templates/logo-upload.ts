/** Logo files the editor accepts. */
export const LOGO_ACCEPT = 'image/png,image/jpeg,image/svg+xml,.png,.jpg,.jpeg,.svg';

/** Largest logo side in pixels: more than a 100 mm label needs at 300 dpi, small enough for one message. */
const MAX_SIDE_PX = 1200;
/** A data URL bigger than this would not fit the station's message limit with the rest of the template. */
const MAX_DATA_URL_CHARS = 180_000;

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the file is not an image the browser can open'));
    img.src = url;
  });
}

/**
 * Turns an uploaded logo (PNG, JPEG or SVG) into a PNG data URL: drawn through an <img> onto a <canvas> on white,
 * at most MAX_SIDE_PX on its longer side (SVGs are rasterized here, in the renderer; the label engine then
 * thresholds the PNG like any other logo). Shrinks further until the data URL is small enough to send.
 */
export async function logoToPngDataUrl(file: File): Promise<{ dataUrl: string; width: number; height: number }> {
  const isSvg = file.type === 'image/svg+xml' || file.name.toLowerCase().endsWith('.svg');
  const ok = isSvg || file.type === 'image/png' || file.type === 'image/jpeg' || /\.(png|jpe?g)$/i.test(file.name);
  if (!ok) throw new Error('unsupported-logo');
  // An SVG read as a data URL keeps its type, so the <img> renders it as an image (scripts in it never run).
  const source = await readAsDataUrl(isSvg ? new Blob([await file.text()], { type: 'image/svg+xml' }) : file);
  const img = await loadImage(source);
  // An SVG without width/height reports 0 (or 150x150): give it a sensible raster size from its aspect ratio.
  let width = img.naturalWidth || 600;
  let height = img.naturalHeight || 200;
  if (isSvg && Math.max(width, height) < 600) {
    const k = 600 / Math.max(width, height);
    width *= k;
    height *= k;
  }
  let scale = Math.min(1, MAX_SIDE_PX / Math.max(width, height));
  for (;;) {
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw images');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, 0, 0, w, h);
    const dataUrl = canvas.toDataURL('image/png');
    if (dataUrl.length <= MAX_DATA_URL_CHARS || Math.max(w, h) <= 64) return { dataUrl, width: w, height: h };
    scale *= 0.7;
  }
}
