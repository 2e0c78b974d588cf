import { EventEmitter, on } from "node:events";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export type SubmissionEvent = { id: string; status: "QUEUED" | "RUNNING" | "FINISHED" };

export function submissionChannel(prefix: string, id: string): string {
  return `${prefix}:submission:${id}`;
}

export async function publishSubmissionEvent(redis: Redis, prefix: string, event: SubmissionEvent): Promise<void> {
  await redis.publish(submissionChannel(prefix, event.id), JSON.stringify(event));
}

/**
 * One Redis subscriber connection per API process, fanned out locally: a channel is subscribed while at
 * least one client listens to it. Events come from every grader, so any API process can serve any client.
 */
export class SubmissionEvents {
  readonly #emitter = new EventEmitter();
  readonly #listeners = new Map<string, number>();
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #log: Logger;

  constructor(subscriber: Redis, prefix: string, log: Logger) {
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#log = log;
    this.#emitter.setMaxListeners(0);
    subscriber.on("message", (channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as SubmissionEvent;
        this.#emitter.emit(channel, event);
      } catch (error) {
        log.warn({ err: error, channel }, "ignoring a malformed submission event");
      }
    });
  }

  /**
   * Subscribes at once (events buffer from this moment, so a state read afterwards misses nothing) and
   * yields events for one submission until `signal` aborts; then the channel is released.
   */
  async open(id: string, signal: AbortSignal): Promise<AsyncIterable<SubmissionEvent>> {
    const channel = submissionChannel(this.#prefix, id);
    const events = on(this.#emitter, channel, { signal });
    const count = (this.#listeners.get(channel) ?? 0) + 1;
    this.#listeners.set(channel, count);
    if (count === 1) await this.#subscriber.subscribe(channel);
    const release = async () => {
      const left = (this.#listeners.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.#listeners.set(channel, left);
        return;
      }
      this.#listeners.delete(channel);
      await this.#subscriber
        .unsubscribe(channel)
        .catch((error: unknown) => this.#log.warn({ err: error }, "unsubscribe failed"));
    };
    return (async function* () {
      try {
        for await (const [event] of events) yield event as SubmissionEvent;
      } catch (error) {
        if (!(error instanceof Error && error.name === "AbortError")) throw error;
      } finally {
        await release();
      }
    })();
  }
}
