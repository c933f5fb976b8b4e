import { useRef, useState } from 'react';
import { useT } from '../../app/station-context';
import { isMessageKey, type MessageKey } from '../../i18n';
import {
  BARCODE_TYPES,
  barcodeType,
  hasFontSize,
  insertField,
  isBarcode,
  isLine,
  setBarcodeType,
  setCoordinate,
  valueKey,
  type EditorElement,
  type EditorTemplate,
} from './template-model';

type CoordKey = 'x' | 'y' | 'w' | 'h' | 'x1' | 'y1' | 'x2' | 'y2';

/** A number field that lets the supervisor type freely and applies the value once it parses. */
function NumberField({
  label,
  testId,
  value,
  step,
  onValue,
}: {
  label: string;
  testId: string;
  value: number;
  step: number;
  onValue: (v: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="prop">
      <span className="prop-label">{label}</span>
      <input
        type="number"
        step={step}
        data-testid={testId}
        value={draft ?? String(value)}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          const v = Number(e.currentTarget.value);
          if (e.currentTarget.value.trim() !== '' && Number.isFinite(v)) onValue(v);
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}

/** The name of an element type in the screen's language (the raw type when there is none). */
export function useTypeName(): (type: string) => string {
  const t = useT();
  return (type) => {
    const key = `templates.type.${type}`;
    return isMessageKey(key) ? t(key as MessageKey) : type;
  };
}

/** Position, size, font size, bound value (with a field picker) and barcode type of the selected element. */
export function TemplateProperties({
  template,
  element,
  fields,
  onChange,
  onRemove,
  onUploadLogo,
}: {
  template: EditorTemplate;
  element: EditorElement | null;
  fields: readonly string[];
  onChange: (element: EditorElement) => void;
  onRemove: () => void;
  onUploadLogo: () => void;
}) {
  const t = useT();
  const typeName = useTypeName();
  const valueRef = useRef<HTMLTextAreaElement | null>(null);
  const vKey = element ? valueKey(element) : null;
  if (!element) {
    return (
      <section className="template-props empty" data-testid="template-props">
        <p>{t('templates.props.none')}</p>
        <p className="template-hint">{t('templates.keysHint')}</p>
        <p className="template-hint">{t('templates.keysHint.edit')}</p>
      </section>
    );
  }
  const coord = (key: CoordKey, label: MessageKey) => (
    <NumberField
      key={key}
      label={t(label)}
      testId={`prop-${key}`}
      step={0.5}
      value={Number(element[key] ?? 0)}
      onValue={(v) => onChange(setCoordinate(element, key, v, template))}
    />
  );
  return (
    <section className="template-props" data-testid="template-props">
      <h2>
        {typeName(element.type)}
        {element.id ? <span className="prop-id"> · {element.id}</span> : null}
      </h2>
      <div className="prop-grid">
        {isLine(element)
          ? [
              coord('x1', 'templates.props.x1'),
              coord('y1', 'templates.props.y1'),
              coord('x2', 'templates.props.x2'),
              coord('y2', 'templates.props.y2'),
            ]
          : [
              coord('x', 'templates.props.x'),
              coord('y', 'templates.props.y'),
              coord('w', 'templates.props.w'),
              coord('h', 'templates.props.h'),
            ]}
        {hasFontSize(element) && (
          <NumberField
            label={t('templates.props.fontSize')}
            testId="prop-font-size"
            step={0.5}
            value={Number(element.fontSize ?? 10)}
            onValue={(v) => {
              const fontSize = Math.min(200, Math.max(4, v));
              const min = typeof element.minFontSize === 'number' ? element.minFontSize : undefined;
              onChange({
                ...element,
                fontSize,
                ...(min !== undefined && min > fontSize ? { minFontSize: fontSize } : {}),
              });
            }}
          />
        )}
      </div>
      {isBarcode(element) && (
        <label className="prop wide">
          <span className="prop-label">{t('templates.props.barcodeType')}</span>
          <select
            data-testid="prop-barcode-type"
            value={barcodeType(element)}
            onChange={(e) => onChange(setBarcodeType(element, e.currentTarget.value))}
          >
            {BARCODE_TYPES.map((type) => (
              <option key={type} value={type}>
                {typeName(type)}
              </option>
            ))}
          </select>
        </label>
      )}
      {vKey && (
        <>
          <label className="prop wide">
            <span className="prop-label">{t('templates.props.value')}</span>
            <textarea
              ref={valueRef}
              rows={2}
              data-testid="prop-value"
              value={String(element[vKey] ?? '')}
              onChange={(e) => onChange({ ...element, [vKey]: e.currentTarget.value })}
            />
          </label>
          <label className="prop wide">
            <span className="prop-label">{t('templates.props.field')}</span>
            <select
              data-testid="prop-field"
              value=""
              onChange={(e) => {
                const field = e.currentTarget.value;
                if (!field) return;
                const caret = valueRef.current?.selectionStart ?? undefined;
                onChange({ ...element, [vKey]: insertField(String(element[vKey] ?? ''), field, caret) });
              }}
            >
              <option value="">{t('templates.props.fieldPick')}</option>
              {fields.map((field) => (
                <option key={field} value={field}>
                  {`{${field}}`}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {element.type === 'image' && (
        <div className="prop wide">
          <span className="prop-label">{t('templates.props.image')}</span>
          <span className="prop-image-src">
            {typeof element.src === 'string' && element.src.startsWith('data:')
              ? t('templates.props.logoUploaded')
              : String(element.src ?? '')}
          </span>
          <button type="button" className="template-button" onClick={onUploadLogo}>
            {t('templates.uploadLogo')}
          </button>
        </div>
      )}
      <button type="button" className="template-button danger" data-testid="element-remove" onClick={onRemove}>
        {t('templates.remove')}
      </button>
    </section>
  );
}
