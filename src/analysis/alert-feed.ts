import { EventEmitter } from 'node:events';
import type { Alert } from '../contract/monitoring.js';

/** A new alert as the feed carries it: the API's JSON and the id of its area (for scope and subscriptions). */
export interface AlertEvent {
  areaId: number;
  alert: Alert;
}

/**
 * New alerts inside one process: the scan publishes the alerts it stored once they are committed, and every open
 * alert stream listens. Nothing is kept: a listener sees only what is published while it listens.
 */
export class AlertFeed {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open stream; there is no fixed bound to warn about.
    this.#emitter.setMaxListeners(0);
  }

  publish(events: readonly AlertEvent[]): void {
    if (events.length > 0) this.#emitter.emit('alerts', events);
  }

  /** Calls `listener` with each published batch; returns the function that stops it. */
  subscribe(listener: (events: readonly AlertEvent[]) => void): () => void {
    this.#emitter.on('alerts', listener);
    return () => this.#emitter.off('alerts', listener);
  }

  get listeners(): number {
    return this.#emitter.listenerCount('alerts');
  }
}
