import type { EventName, EventPayload } from '../contract';
import type { EventListener, EventSource } from './station-api';

/** The core's event bus: services emit, shells subscribe. A failing listener never breaks the emitter. */
export interface EventHub extends EventSource {
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}

/** Creates an event hub. `onListenerError` hears about listeners that threw (they are otherwise ignored). */
export function createEventHub(onListenerError: (error: unknown) => void = () => {}): EventHub {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on<N extends EventName>(name: N, listener: EventListener<N>) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
