import { describe, expect, it } from 'vitest';
import { PrinterEncodeError, encodeEscposSlip } from '../../../src-main/printers';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ESC/POS GBK slip', () => {
  it('prints 中文 in Chinese mode as GBK (1C 26 … D6 D0 CE C4), never EUC-JP via ESC R 8', () => {
    const bytes = encodeEscposSlip({ lines: [{ text: '中文' }] });
    expect(hex(bytes)).toContain('1c26');
    expect(hex(bytes)).toContain('d6d0cec40a');
    expect(hex(bytes).indexOf('1c26')).toBeLessThan(hex(bytes).indexOf('d6d0cec4'));
    expect(hex(bytes)).not.toContain('1b5208');
    expect(hex(bytes).startsWith('1b40')).toBe(true);
    expect(hex(bytes).endsWith('1c2e')).toBe(true);
  });

  it('sets alignment, weight and size per line, draws rules and cuts', () => {
    const bytes = encodeEscposSlip(
      {
        lines: [
          { text: '发货单 SO-100001', align: 'center', bold: true, size: 'double' },
          { rule: true },
          { text: 'Qty 2', align: 'right' },
        ],
      },
      { widthChars: 42, cut: true },
    );
    const h = hex(bytes);
    // ESC a 1 (centre), ESC E 1 (bold), ESC ! 0x30 (double width and height), then the GBK text.
    expect(h).toContain(`1b61011b45011b2130${Buffer.from('b7a2bbf5b5a5', 'hex').toString('hex')}`);
    expect(h).toContain(`${'2d'.repeat(42)}0a`);
    expect(h).toContain(`1b61021b45001b2100${Buffer.from('Qty 2').toString('hex')}0a`);
    expect(h.endsWith('1c2e1b64041b64041d56001b40')).toBe(true);
  });

  it('refuses control characters (they would be read as commands) naming the line', () => {
    expect(() => encodeEscposSlip({ lines: [{ text: 'ok' }, { text: 'a\u001b@b' }] })).toThrow(
      /slip line 2 holds the control character U\+001b/,
    );
  });

  it('refuses characters GBK lacks instead of printing "?"', () => {
    const attempt = () => encodeEscposSlip({ lines: [{ text: '包裹 📦' }] });
    expect(attempt).toThrow(PrinterEncodeError);
    expect(attempt).toThrow(/slip line 1: "📦" \(U\+1F4E6\) is not in GBK/);
  });
});
