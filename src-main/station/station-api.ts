import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../contract';
import type { Logger } from '../platform';

/** One handler per contract command: plain async functions, testable without Electron or HTTP. */
export type CommandHandlers = {
  [N in CommandName]: (input: CommandInput<N>) => Promise<CommandOutput<N>>;
};

/** Listener for one contract event. */
export type EventListener<N extends EventName> = (payload: EventPayload<N>) => void;

/** Where shells subscribe to the core's events. Returns an unsubscribe function. */
export interface EventSource {
  on<N extends EventName>(name: N, listener: EventListener<N>): () => void;
}

/** What a shell needs from the core: the handlers, the events, and where failures the caller must not see go. */
export interface StationApi {
  handlers: CommandHandlers;
  events: EventSource;
  /** The station's logger; the dispatcher logs `internal` failures here (silent when absent). */
  logger?: Logger | undefined;
}
