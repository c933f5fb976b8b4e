import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { TransportError, errorCode } from './transport-error';
import type { PrinterTransport, TransportResult } from './transport';

/** Timeouts of a USB printer device file. */
export interface UsbTransportOptions {
  /** `/dev/usb/lp0`. */
  device: string;
  uri?: string;
  /** Longest time without write progress (the printer is off-line or out of paper and stopped taking data). */
  writeTimeoutMs?: number;
  totalTimeoutMs?: number;
  chunkBytes?: number;
}

/** Says what to do about a device file that cannot be opened, in words a supervisor can act on. */
export function usbOpenErrorMessage(device: string, code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return (
        `no permission to write to ${device}: add the station's user to the "lp" group ` +
        `(sudo usermod -aG lp $USER, then log in again) or install a udev rule giving it access, e.g. ` +
        `SUBSYSTEM=="usbmisc", KERNEL=="lp*", GROUP="lp", MODE="0660" in /etc/udev/rules.d/60-dockside-printer.rules`
      );
    case 'ENOENT':
      return `${device} does not exist: is the printer plugged in and switched on? (ls /dev/usb/ lists the printers the kernel sees)`;
    case 'ENXIO':
    case 'ENODEV':
      return `${device} has no printer behind it (unplugged or switched off?)`;
    case 'EBUSY':
      return `${device} is in use by another program (a CUPS queue on the same printer?)`;
    default:
      return `cannot open ${device}: ${code}`;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A printer on a Linux USB printer-class device file (`/dev/usb/lp*`). Opened non-blocking so a printer that
 * stops taking data ends in a timeout instead of a write that hangs forever.
 */
export function createUsbTransport(options: UsbTransportOptions): PrinterTransport {
  const uri = options.uri ?? `usb:${options.device}`;
  const writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 60_000;
  const chunkBytes = options.chunkBytes ?? 4096;

  async function send(job: { jobId: string; bytes: Uint8Array }): Promise<TransportResult> {
    let handle: FileHandle;
    try {
      handle = await open(options.device, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw new TransportError(`printer ${uri}: ${usbOpenErrorMessage(options.device, errorCode(error))}`, false, {
        cause: error,
      });
    }
    const started = Date.now();
    let progressAt = started;
    let written = 0;
    try {
      while (written < job.bytes.length) {
        const now = Date.now();
        if (now - progressAt > writeTimeoutMs || now - started > totalTimeoutMs) {
          throw new Error(`the printer stopped taking data for ${Math.round((now - progressAt) / 1000)} s`);
        }
        try {
          const end = Math.min(job.bytes.length, written + chunkBytes);
          const { bytesWritten } = await handle.write(job.bytes, written, end - written);
          if (bytesWritten > 0) {
            written += bytesWritten;
            progressAt = Date.now();
          }
        } catch (error) {
          // The device's buffer is full: wait for it instead of blocking a thread.
          if (errorCode(error) === 'EAGAIN') await pause(20);
          else throw error;
        }
      }
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw new TransportError(
        `printer ${uri}: ${errorCode(error)} after ${written} of ${job.bytes.length} bytes of job ${job.jobId}; it may or may not have printed — check the printer before reprinting`,
        written > 0,
        { cause: error },
      );
    }
    await handle.close();
    return { state: 'sent', detail: `${job.bytes.length} bytes written to ${options.device}` };
  }

  return { uri, send };
}
