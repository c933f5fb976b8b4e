import type { LanguageName } from './languages/language';

/** What a printer said about itself. `problems` adds what the five flags do not cover (jam, cutter, heat, ...). */
export interface PrinterStatus {
  online: boolean;
  paperOut: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  paused: boolean;
  /** Further conditions: `paper-jam`, `cover-open`, `cutter-error`, `paper-near-end`, `under-temperature`, ... */
  problems: string[];
}

/** A reply that is not what the status protocol promises: the message says which protocol and what was wrong. */
export class StatusReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusReplyError';
  }
}

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

const STX = '\u0002';
const ETX = 0x03;

/**
 * Parses a ZPL `~HS` reply: three `<STX>…<ETX><CR><LF>` strings of comma-separated fields. Field numbers run across
 * the strings: 1 paper out, 2 paused, 10/11 under/over temperature, 14 head open, 15 ribbon out.
 * @throws StatusReplyError when the reply does not have the three strings and their fields
 */
export function parseZplHostStatus(reply: Uint8Array): PrinterStatus {
  const text = Buffer.from(reply).toString('latin1');
  // Each string is <STX>fields<ETX>; what precedes STX (CR LF of the previous string) is framing.
  const strings = text
    .split(String.fromCharCode(ETX))
    .filter((part) => part.includes(STX))
    .map((part) => part.slice(part.lastIndexOf(STX) + 1).split(','));
  if (strings.length < 3 || strings[0]!.length < 12 || strings[1]!.length < 11) {
    throw new StatusReplyError(
      `ZPL ~HS reply is not three <STX>…<ETX> strings of 12 and 11+ fields: ${JSON.stringify(text.slice(0, 120))}`,
    );
  }
  const fields = [...strings[0]!, ...strings[1]!, ...strings[2]!];
  const flag = (index: number) => {
    const value = fields[index]!.trim();
    if (!/^\d+$/.test(value)) throw new StatusReplyError(`ZPL ~HS field ${index} is "${value}", not a number`);
    return Number(value) !== 0;
  };
  const problems: string[] = [];
  if (flag(5)) problems.push('buffer-full');
  if (flag(9)) problems.push('memory-corrupt');
  if (flag(10)) problems.push('under-temperature');
  if (flag(11)) problems.push('over-temperature');
  return {
    // A printer that answers ~HS is on line; there is no separate off-line flag in ZPL.
    online: true,
    paperOut: flag(1),
    paused: flag(2),
    headOpen: flag(14),
    ribbonOut: flag(15),
    problems,
  };
}

/** True once a `~HS` reply holds its three strings. */
export function zplHostStatusComplete(reply: Uint8Array): boolean {
  let count = 0;
  for (const byte of reply) if (byte === ETX) count += 1;
  return count >= 3;
}

/**
 * Parses the TSPL `ESC ! ?` reply byte: bit0 head open, bit1 paper jam, bit2 paper out, bit3 ribbon out, bit4
 * paused, bit5 printing, bit6 cover open, bit7 other error. `0x00` is ready.
 * @throws StatusReplyError when the reply is not exactly one byte
 */
export function parseTsplStatus(reply: Uint8Array): PrinterStatus {
  if (reply.length !== 1) {
    throw new StatusReplyError(`TSPL ESC ! ? reply must be 1 byte, got ${reply.length}: ${hex(reply)}`);
  }
  const b = reply[0]!;
  const problems: string[] = [];
  if (b & 0x02) problems.push('paper-jam');
  if (b & 0x20) problems.push('printing');
  if (b & 0x40) problems.push('cover-open');
  if (b & 0x80) problems.push('other-error');
  return {
    online: true,
    headOpen: (b & 0x01) !== 0,
    paperOut: (b & 0x04) !== 0,
    ribbonOut: (b & 0x08) !== 0,
    paused: (b & 0x10) !== 0,
    problems,
  };
}

/** The ESC/POS status query the station sends: `DLE EOT 1`, `DLE EOT 2`, `DLE EOT 4` in one write. */
export const ESCPOS_STATUS_QUERY = Uint8Array.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);

/**
 * Parses the three reply bytes of `DLE EOT 1, 2, 4` (printer, off-line cause, paper roll sensor). Every status
 * byte has the fixed pattern `0xx1xx10` (`(b & 0x93) == 0x12`). n=1 bit3 off-line; n=2 bit2 cover open, bit5
 * stopped by paper end, bit6 error; n=4 `0x0C` paper near end, `0x60` paper end.
 * @throws StatusReplyError when the reply is not three bytes of that pattern
 */
export function parseEscposStatus(reply: Uint8Array): PrinterStatus {
  if (reply.length !== 3) {
    throw new StatusReplyError(`ESC/POS DLE EOT 1,2,4 reply must be 3 bytes, got ${reply.length}: ${hex(reply)}`);
  }
  reply.forEach((b, i) => {
    if ((b & 0x93) !== 0x12) {
      throw new StatusReplyError(
        `ESC/POS DLE EOT ${[1, 2, 4][i]} reply byte 0x${b.toString(16).padStart(2, '0')} lacks the 0xx1xx10 pattern: ${hex(reply)}`,
      );
    }
  });
  const [printer, offlineCause, paper] = [reply[0]!, reply[1]!, reply[2]!];
  const problems: string[] = [];
  if ((paper & 0x0c) === 0x0c) problems.push('paper-near-end');
  if (offlineCause & 0x40) problems.push('error');
  return {
    online: (printer & 0x08) === 0,
    paperOut: (paper & 0x60) === 0x60 || (offlineCause & 0x20) !== 0,
    headOpen: (offlineCause & 0x04) !== 0,
    ribbonOut: false,
    paused: false,
    problems,
  };
}

/** How to ask one printer language for its status: the query bytes, when the reply is whole, how to read it. */
export interface StatusProtocol {
  query: Uint8Array;
  complete: (reply: Uint8Array) => boolean;
  parse: (reply: Uint8Array) => PrinterStatus;
}

/** The status protocol of a language, or null when the language has none (EPL, PDF). */
export function statusProtocolFor(language: LanguageName): StatusProtocol | null {
  switch (language) {
    case 'zpl':
      return { query: Buffer.from('~HS', 'latin1'), complete: zplHostStatusComplete, parse: parseZplHostStatus };
    case 'tspl':
      return { query: Uint8Array.from([0x1b, 0x21, 0x3f]), complete: (r) => r.length >= 1, parse: parseTsplStatus };
    case 'escpos':
      return { query: ESCPOS_STATUS_QUERY, complete: (r) => r.length >= 3, parse: parseEscposStatus };
    default:
      return null;
  }
}

/** Conditions that stop a job before it is sent. Near-end paper and "printing" do not. */
export type BlockingCondition = 'offline' | 'paper-out' | 'head-open' | 'ribbon-out' | 'paused' | 'error';

/** The first condition that would spoil a job, or null when the printer can take one. */
export function blockingCondition(status: PrinterStatus): BlockingCondition | null {
  if (!status.online) return 'offline';
  if (status.paperOut) return 'paper-out';
  if (status.headOpen) return 'head-open';
  if (status.ribbonOut) return 'ribbon-out';
  if (status.paused) return 'paused';
  const hard = status.problems.filter((p) => !['printing', 'paper-near-end'].includes(p));
  return hard.length > 0 ? 'error' : null;
}
