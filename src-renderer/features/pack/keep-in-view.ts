/** Room left above and below a line scrolled into view, so its border and highlight are not cut. */
const MARGIN_PX = 8;

interface Span {
  top: number;
  bottom: number;
}

/** How far the list must scroll (negative: up) to show `item` whole; an item taller than the list shows its top. */
function scrollNeeded(list: Span, item: Span): number {
  const top = list.top + MARGIN_PX;
  const bottom = list.bottom - MARGIN_PX;
  if (item.top < top) return item.top - top;
  if (item.bottom > bottom) return Math.min(item.bottom - bottom, item.top - top);
  return 0;
}

/**
 * Scrolls `list` (itself only: unlike `scrollIntoView`, never the page or the screen around it) by the least
 * amount that shows `item` whole; then, if it fits without pushing `item` out, shows `also` too (the next line
 * to scan after the one just scanned).
 */
export function keepInView(list: HTMLElement, item: HTMLElement, also?: HTMLElement | null): void {
  const box = list.getBoundingClientRect();
  list.scrollTop += scrollNeeded(box, item.getBoundingClientRect());
  if (!also || also === item) return;
  const shown = item.getBoundingClientRect();
  let more = scrollNeeded(box, also.getBoundingClientRect());
  if (more > 0) more = Math.max(0, Math.min(more, shown.top - (box.top + MARGIN_PX)));
  if (more < 0) more = Math.min(0, Math.max(more, shown.bottom - (box.bottom - MARGIN_PX)));
  if (more !== 0) list.scrollTop += more;
}
