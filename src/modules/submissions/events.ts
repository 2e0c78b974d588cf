import { EventEmitter, on } from "node:events";
import type { Logger } from "pino";
import type { RedisClient } from "../../lib/redis-connection.ts";

export type SubmissionEvent = { id: string; status: "QUEUED" | "RUNNING" | "FINISHED" };
/** What an open stream yields when the token it runs under is revoked. */
export const REVOKED = Symbol("revoked");

/** Tries of one SUBSCRIBE, SUBSCRIBE_RETRY_MS apart, before a stream does without events (see #acquire). */
const SUBSCRIBE_ATTEMPTS = 3;
const SUBSCRIBE_RETRY_MS = 250;

export function submissionChannel(prefix: string, id: string): string {
  return `${prefix}:submission:${id}`;
}

export async function publishSubmissionEvent(
  redis: RedisClient,
  prefix: string,
  event: SubmissionEvent,
): Promise<void> {
  await redis.publish(submissionChannel(prefix, event.id), JSON.stringify(event));
}

/**
 * One Redis subscriber connection per API process, fanned out locally: a channel is subscribed while at
 * least one client listens to it. Events come from every grader, so any API process can serve any client.
 *
 * On a Redis Cluster this stays classic pub/sub (SUBSCRIBE/PUBLISH), which is cluster-correct: a PUBLISH on any
 * node is broadcast over the cluster bus to every node, so the one subscriber connection (ioredis picks a node and
 * moves it, re-subscribing, when that node goes) hears every channel. Sharded pub/sub (SSUBSCRIBE, Redis 7) sends a
 * message only to its slot's shard and ioredis 5.11 supports it (Cluster `shardedSubscribers`), but measured on a
 * 3-master + 3-replica loopback cluster it is not worth it here: classic delivered 20,000 publishes in 0.9–1.0 s
 * (~20k/s, each copied to the 5 other nodes: 100,000 bus messages) and sharded in 0.42–0.47 s (~45k/s, 20,000 bus
 * messages), while a submission makes 3 events (≤ ~200/s at the grading burst, 1 % of classic's rate); and after a
 * CLUSTER FAILOVER the sharded subscriber went on receiving only 20 of 30 channels (the failed-over slots' channels
 * were never re-subscribed), while classic received 30 of 30 after the failover and after a killed master.
 * `npm run drill -- cluster` checks the classic path under failover (bench/README.md).
 */
export class SubmissionEvents {
  readonly #emitter = new EventEmitter();
  readonly #listeners = new Map<string, number>();
  readonly #subscriber: RedisClient;
  readonly #prefix: string;
  readonly #log: Logger;

  constructor(subscriber: RedisClient, prefix: string, log: Logger) {
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
   * yields events for one submission until `signal` aborts; then the channels are released. With a token, its
   * revocation (logOut, announced on `revokedChannel`) is yielded as REVOKED.
   */
  async open(
    id: string,
    signal: AbortSignal,
    revokedChannel: string | null = null,
  ): Promise<AsyncIterable<SubmissionEvent | typeof REVOKED>> {
    const channel = submissionChannel(this.#prefix, id);
    const channels = revokedChannel ? [channel, revokedChannel] : [channel];
    // The channels' events merged into one local stream, in arrival order.
    const relay = new EventEmitter();
    const handlers = channels.map((name) => {
      const handler = (payload: unknown) => relay.emit("event", name === channel ? payload : REVOKED);
      this.#emitter.on(name, handler);
      return [name, handler] as const;
    });
    const events = on(relay, "event", { signal });
    const acquired: string[] = [];
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      for (const [name, handler] of handlers) this.#emitter.off(name, handler);
      for (const name of acquired) await this.#release(name);
    };
    // The abort releases the channels even when the stream below is never iterated (a caller that read the
    // submission FINISHED and returned at once): a generator that never started never runs its finally.
    signal.addEventListener("abort", () => void release(), { once: true });
    try {
      for (const name of channels) {
        acquired.push(name);
        await this.#acquire(name);
      }
    } catch (error) {
      await release();
      throw error;
    }
    return (async function* () {
      try {
        for await (const [event] of events) yield event as SubmissionEvent | typeof REVOKED;
      } catch (error) {
        if (!(error instanceof Error && error.name === "AbortError")) throw error;
      } finally {
        await release();
      }
    })();
  }

  /**
   * Counts one more listener of the channel, subscribing the first. A SUBSCRIBE can fail while the subscriber
   * connection is being replaced (the cluster drill, cutting it every 250 ms, saw "Connection is closed" and
   * "Connection in subscriber mode" from ioredis): it is tried again, and if it still fails the stream goes on
   * without events (logged): its quiet re-read (submissionUpdates) still brings the verdict, late, not never.
   */
  async #acquire(channel: string): Promise<void> {
    const count = (this.#listeners.get(channel) ?? 0) + 1;
    this.#listeners.set(channel, count);
    if (count > 1) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#subscriber.subscribe(channel);
        return;
      } catch (error) {
        if (attempt >= SUBSCRIBE_ATTEMPTS) {
          this.#log.warn({ err: error, channel }, "could not subscribe; the stream falls back to re-reading");
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_RETRY_MS));
      }
    }
  }

  async #release(channel: string): Promise<void> {
    const left = (this.#listeners.get(channel) ?? 1) - 1;
    if (left > 0) {
      this.#listeners.set(channel, left);
      return;
    }
    this.#listeners.delete(channel);
    await this.#subscriber
      .unsubscribe(channel)
      .catch((error: unknown) => this.#log.warn({ err: error }, "unsubscribe failed"));
  }
}
