import { describe, expect, it } from 'vitest';
import {
  StatusReplyError,
  blockingCondition,
  parseEscposStatus,
  parseTsplStatus,
  parseZplHostStatus,
  statusProtocolFor,
  zplHostStatusComplete,
} from '../../../src-main/printers/status';

/** A ~HS reply as a Zebra sends it: three STX…ETX CR LF strings. */
function hs(first: string, second: string, third = '1234,0'): Uint8Array {
  return Buffer.from(`\x02${first}\x03\r\n\x02${second}\x03\r\n\x02${third}\x03\r\n`, 'latin1');
}

const READY_1 = '030,0,0,0290,000,0,0,0,000,0,0,0';
const READY_2 = '001,0,0,0,1,2,4,0,00000000,1,000';

describe('ZPL ~HS', () => {
  it('reads a ready printer', () => {
    expect(parseZplHostStatus(hs(READY_1, READY_2))).toEqual({
      online: true,
      paperOut: false,
      headOpen: false,
      ribbonOut: false,
      paused: false,
      problems: [],
    });
  });

  it('reads paper out (field 1) and paused (field 2)', () => {
    const status = parseZplHostStatus(hs('030,1,1,0290,000,0,0,0,000,0,0,0', READY_2));
    expect(status.paperOut).toBe(true);
    expect(status.paused).toBe(true);
    expect(blockingCondition(status)).toBe('paper-out');
  });

  it('reads head open (field 14) and ribbon out (field 15) from the second string', () => {
    const status = parseZplHostStatus(hs(READY_1, '001,0,1,1,1,2,4,0,00000000,1,000'));
    expect(status).toMatchObject({ headOpen: true, ribbonOut: true, paperOut: false });
    expect(blockingCondition(status)).toBe('head-open');
  });

  it('reports over-temperature as a blocking problem', () => {
    const status = parseZplHostStatus(hs('030,0,0,0290,000,0,0,0,000,0,0,1', READY_2));
    expect(status.problems).toEqual(['over-temperature']);
    expect(blockingCondition(status)).toBe('error');
  });

  it('knows when the three strings are in', () => {
    const whole = hs(READY_1, READY_2);
    expect(zplHostStatusComplete(whole.subarray(0, whole.length - 5))).toBe(false);
    expect(zplHostStatusComplete(whole)).toBe(true);
  });

  it('refuses a truncated or garbled reply with what was received', () => {
    expect(() => parseZplHostStatus(Buffer.from(`\x02${READY_1}\x03\r\n`, 'latin1'))).toThrow(StatusReplyError);
    expect(() => parseZplHostStatus(hs('030,X,0,0290,000,0,0,0,000,0,0,0', READY_2))).toThrow(/field 1 is "X"/);
  });
});

describe('TSPL ESC ! ?', () => {
  it('reads 0x00 as ready', () => {
    const status = parseTsplStatus(Uint8Array.from([0x00]));
    expect(blockingCondition(status)).toBeNull();
  });

  it('maps every bit', () => {
    expect(parseTsplStatus(Uint8Array.from([0x01])).headOpen).toBe(true);
    expect(parseTsplStatus(Uint8Array.from([0x02])).problems).toEqual(['paper-jam']);
    expect(parseTsplStatus(Uint8Array.from([0x04])).paperOut).toBe(true);
    expect(parseTsplStatus(Uint8Array.from([0x08])).ribbonOut).toBe(true);
    expect(parseTsplStatus(Uint8Array.from([0x10])).paused).toBe(true);
    expect(parseTsplStatus(Uint8Array.from([0x40])).problems).toEqual(['cover-open']);
    expect(parseTsplStatus(Uint8Array.from([0x80])).problems).toEqual(['other-error']);
  });

  it('does not block on "printing" alone', () => {
    expect(blockingCondition(parseTsplStatus(Uint8Array.from([0x20])))).toBeNull();
  });

  it('refuses anything but one byte', () => {
    expect(() => parseTsplStatus(Uint8Array.from([]))).toThrow(/1 byte, got 0/);
    expect(() => parseTsplStatus(Uint8Array.from([0, 0]))).toThrow(/00 00/);
  });
});

describe('ESC/POS DLE EOT 1,2,4', () => {
  it('reads the ready bytes 16 12 12', () => {
    const status = parseEscposStatus(Uint8Array.from([0x16, 0x12, 0x12]));
    expect(status).toMatchObject({ online: true, paperOut: false, headOpen: false });
    expect(blockingCondition(status)).toBeNull();
  });

  it('reads the paper-out example 1A 32 7E: off line, stopped by paper end', () => {
    const status = parseEscposStatus(Uint8Array.from([0x1a, 0x32, 0x7e]));
    expect(status.online).toBe(false);
    expect(status.paperOut).toBe(true);
    expect(status.problems).toContain('paper-near-end');
  });

  it('reads cover open from DLE EOT 2 bit 2', () => {
    const status = parseEscposStatus(Uint8Array.from([0x1e, 0x16, 0x12]));
    expect(status.headOpen).toBe(true);
    expect(status.online).toBe(false);
  });

  it('keeps near-end paper a warning, not a stop', () => {
    const status = parseEscposStatus(Uint8Array.from([0x16, 0x12, 0x1e]));
    expect(status.paperOut).toBe(false);
    expect(blockingCondition(status)).toBeNull();
  });

  it('refuses bytes without the fixed pattern, naming the query', () => {
    expect(() => parseEscposStatus(Uint8Array.from([0x16, 0xff, 0x12]))).toThrow(/DLE EOT 2 .*0xff/);
    expect(() => parseEscposStatus(Uint8Array.from([0x16]))).toThrow(/3 bytes, got 1/);
  });
});

describe('statusProtocolFor', () => {
  it('sends ~HS, ESC ! ? and DLE EOT, and has none for EPL and PDF', () => {
    expect(Buffer.from(statusProtocolFor('zpl')!.query).toString()).toBe('~HS');
    expect([...statusProtocolFor('tspl')!.query]).toEqual([0x1b, 0x21, 0x3f]);
    expect([...statusProtocolFor('escpos')!.query]).toEqual([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
    expect(statusProtocolFor('epl')).toBeNull();
    expect(statusProtocolFor('pdf')).toBeNull();
  });
});
