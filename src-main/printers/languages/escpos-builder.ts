import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';

/** `ESC @`: initialize (clears the buffer and modes); the library has it as `initHardware()`, absent from its typings. */
export const ESC_INIT = Buffer.from([0x1b, 0x40]);

/**
 * A node-thermal-printer instance used only as an ESC/POS byte builder (`getBuffer()`): no interface, so it never
 * opens a device or socket (transports carry the bytes), and no character set, so it never switches code pages
 * by itself (its automatic switching picks EUC-JP with `ESC R 8` for Chinese; we send GBK explicitly).
 * @param widthChars - characters per line in font A (its `drawLine` width)
 */
export function escposBuilder(widthChars = 48): ThermalPrinter {
  // The typings mark `interface` as required; at run time it is optional and leaving it out is what makes the
  // instance a pure buffer builder.
  const config = { type: PrinterTypes.EPSON, width: widthChars } as ConstructorParameters<typeof ThermalPrinter>[0];
  return new ThermalPrinter(config);
}

/** The builder's bytes so far (an empty array when nothing was added: the library keeps `null` then). */
export function builtBytes(builder: ThermalPrinter): Uint8Array {
  return (builder.getBuffer() as Buffer | null) ?? new Uint8Array(0);
}
