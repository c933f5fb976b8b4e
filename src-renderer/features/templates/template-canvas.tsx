import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useT } from '../../app/station-context';
import {
  elementBox,
  isLine,
  moveElement,
  resizeElement,
  type EditorElement,
  type EditorTemplate,
  type Handle,
} from './template-model';

const BOX_HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
/** Lines are hard to hit at their real thickness: their outline is at least this many px thick. */
const MIN_HIT_PX = 10;
const PADDING_PX = 24;

interface Drag {
  pointerId: number;
  index: number;
  handle: Handle | null;
  startX: number;
  startY: number;
  original: EditorElement;
}

function handlesFor(el: EditorElement): readonly Handle[] {
  if (!isLine(el)) return BOX_HANDLES;
  return (el.y1 ?? 0) === (el.y2 ?? 0) ? ['w', 'e'] : ['n', 's'];
}

/** The px per mm that fits a label into the area, with a little margin. */
function useFitScale(area: HTMLElement | null, widthMm: number, heightMm: number): number {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!area) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(area);
    return () => observer.disconnect();
  }, [area]);
  if (size.width === 0 || widthMm <= 0 || heightMm <= 0) return 4;
  return Math.max(1, Math.min((size.width - PADDING_PX) / widthMm, (size.height - PADDING_PX) / heightMm));
}

/**
 * The label at screen size: the station's preview raster (what prints) with every element's outline drawn over it
 * as an absolutely positioned box, scaled mm → px. Drag an outline to move it, a handle to resize it.
 */
export function TemplateCanvas({
  template,
  previewPng,
  selected,
  onSelect,
  onChange,
}: {
  template: EditorTemplate;
  previewPng: string | null;
  selected: number | null;
  onSelect: (index: number | null) => void;
  onChange: (index: number, element: EditorElement) => void;
}) {
  const t = useT();
  const [area, setArea] = useState<HTMLDivElement | null>(null);
  const scale = useFitScale(area, template.widthMm, template.heightMm);
  const drag = useRef<Drag | null>(null);

  const startDrag = (e: ReactPointerEvent<HTMLElement>, index: number, handle: Handle | null) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    // preventDefault keeps the focus where it was: leave a property field, so the keys act on the label again.
    if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
    onSelect(index);
    const original = template.elements[index];
    if (!original) return;
    drag.current = { pointerId: e.pointerId, index, handle, startX: e.clientX, startY: e.clientY, original };
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const dx = (e.clientX - d.startX) / scale;
    const dy = (e.clientY - d.startY) / scale;
    const next = d.handle
      ? resizeElement(d.original, d.handle, dx, dy, template)
      : moveElement(d.original, dx, dy, template);
    onChange(d.index, next);
  };

  const endDrag = (e: ReactPointerEvent<HTMLElement>) => {
    if (drag.current?.pointerId === e.pointerId) drag.current = null;
  };

  const width = template.widthMm * scale;
  const height = template.heightMm * scale;

  return (
    <div className="template-canvas-area" ref={setArea} onPointerDown={() => onSelect(null)}>
      <div
        className="template-canvas"
        data-testid="template-canvas"
        data-scale={scale.toFixed(3)}
        style={{ width, height }}
      >
        {previewPng ? (
          <img
            className="template-preview-img"
            data-testid="template-preview-img"
            src={previewPng}
            alt={t('templates.previewAlt', { name: template.name })}
            draggable={false}
          />
        ) : (
          <div className="template-preview-empty">{t('templates.rendering')}</div>
        )}
        {template.elements.map((el, index) => {
          const box = elementBox(el);
          const line = isLine(el);
          const thickPx = Math.max(MIN_HIT_PX, box.h * scale);
          const wide = Math.max(MIN_HIT_PX, box.w * scale);
          const style = line
            ? {
                left: box.x * scale - (box.w === 0 ? wide / 2 : 0),
                top: box.y * scale - (box.h === 0 ? thickPx / 2 : 0),
                width: box.w === 0 ? wide : box.w * scale,
                height: box.h === 0 ? thickPx : box.h * scale,
              }
            : { left: box.x * scale, top: box.y * scale, width: box.w * scale, height: box.h * scale };
          const isSelected = index === selected;
          return (
            <div
              key={index}
              className={`template-element type-${el.type}${isSelected ? ' selected' : ''}`}
              data-testid={`element-${index}`}
              data-type={el.type}
              data-selected={isSelected}
              title={el.id ?? el.type}
              style={style}
              onPointerDown={(e) => startDrag(e, index, null)}
              onPointerMove={onPointerMove}
              onPointerUp={endDrag}
              onPointerCancel={endDrag}
            >
              {isSelected && (
                <>
                  <span className="template-element-tag">{el.id ?? el.type}</span>
                  {handlesFor(el).map((handle) => (
                    <span
                      key={handle}
                      className={`template-handle handle-${handle}`}
                      data-testid={`handle-${handle}`}
                      onPointerDown={(e) => startDrag(e, index, handle)}
                      onPointerMove={onPointerMove}
                      onPointerUp={endDrag}
                      onPointerCancel={endDrag}
                    />
                  ))}
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
