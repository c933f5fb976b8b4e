/** Millimetres per inch. */
export const MM_PER_INCH = 25.4;
/** PDF points per inch. */
export const PT_PER_INCH = 72;

/** Millimetres to PDF points. */
export function mmToPt(mm: number): number {
  return (mm * PT_PER_INCH) / MM_PER_INCH;
}

/** PDF points (font sizes) to millimetres. */
export function ptToMm(pt: number): number {
  return (pt * MM_PER_INCH) / PT_PER_INCH;
}

/** Millimetres to printer dots at `dpi`, not rounded. */
export function mmToDotsExact(mm: number, dpi: number): number {
  return (mm * dpi) / MM_PER_INCH;
}

/** Millimetres to whole printer dots at `dpi` (nearest). */
export function mmToDots(mm: number, dpi: number): number {
  return Math.round(mmToDotsExact(mm, dpi));
}

/** Whole printer dots at `dpi` back to millimetres. */
export function dotsToMm(dots: number, dpi: number): number {
  return (dots * MM_PER_INCH) / dpi;
}
