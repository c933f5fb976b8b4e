/**
 * IPC channel names shared by the main process and the preload. This file imports nothing, so the sandboxed
 * preload bundle still requires nothing but 'electron'.
 */

/** Renderer → main: `invoke(channel, name, input)` answered with a dispatch result. */
export const INVOKE_CHANNEL = 'dockside:invoke';
/** Main → renderer: `send(channel, name, payload)` for every contract event. */
export const EVENT_CHANNEL = 'dockside:event';
