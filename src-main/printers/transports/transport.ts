/** How far a job's bytes got. `confirmed`: the device or queue certainly holds them; `sent`: written, fate unknown. */
export interface TransportResult {
  state: 'confirmed' | 'sent';
  detail: string;
}

/** Carries bytes to one printer: raw TCP, the OS spooler, a USB device file, or a directory. */
export interface PrinterTransport {
  /** `tcp://host:9100`, `spooler:NAME`, `usb:/dev/usb/lp0`, `file:DIR`. */
  readonly uri: string;
  /**
   * Sends one job's bytes once. Never retries after bytes may have left: a second copy is a person's decision.
   * @throws PrintError whose message says what failed and where (safe to show the packer)
   */
  send(job: { jobId: string; bytes: Uint8Array }): Promise<TransportResult>;
  /**
   * Asks the printer for its status where the transport is two-way (TCP, some USB); null when it cannot ask.
   * @param query - the language's status query bytes
   * @param options.complete - says when the reply is whole, so the read ends before the timeout
   */
  query?(
    query: Uint8Array,
    options: { timeoutMs: number; complete?: (reply: Uint8Array) => boolean },
  ): Promise<Uint8Array | null>;
}
