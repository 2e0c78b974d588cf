// submissionUpdated's stream when pub/sub fails it: an event lost while the API's subscriber reconnects (a Redis
// restart, a cluster failover) must not leave the stream open forever, and a stream that ends at once must still
// give its Redis channel back.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createLogger } from "../../src/logger.ts";
import type { AuthUser } from "../../src/modules/auth/context.ts";
import { SubmissionEvents, submissionChannel } from "../../src/modules/submissions/events.ts";
import { submissionUpdates } from "../../src/modules/submissions/service.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { createRedis } from "../../src/redis.ts";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { submitCode } from "../helpers/grading.ts";
import { startPrivateRedis } from "../helpers/private-redis.ts";

let t: TestApi;
let slug: string;

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  slug = await createCodingQuestion(t.db, "softmax", { timeLimitMs: 4000 });
});
afterAll(async () => {
  await t.close();
});

function viewer(user: SignedUpUser): AuthUser {
  return {
    id: user.id,
    handle: user.handle,
    email: user.email,
    role: "LEARNER",
    timeZone: "UTC",
    preferredLocale: null,
  };
}

/** No grader runs here: the submission stays QUEUED until the test writes its verdict without an event. */
async function queuedSubmission(user: SignedUpUser): Promise<string> {
  return submitCode(t, user.token, slug, getKernel("softmax")?.solutionCode ?? "");
}

function finishSilently(id: string) {
  return t.db.submission.update({
    where: { id },
    data: { status: "FINISHED", verdict: "ACCEPTED", finishedAt: new Date() },
  });
}

/** Resolves once no connection is subscribed to the submission's channel (the stream gave it back). */
async function channelReleased(id: string): Promise<void> {
  const channel = submissionChannel(t.config.REDIS_PREFIX, id);
  for (;;) {
    const [, subscribers] = (await t.services.redis.pubsub("NUMSUB", channel)) as [string, number];
    if (Number(subscribers) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a submission's stream without its events", () => {
  it("reads the submission again after a quiet period, so a verdict whose event was lost still ends it", async () => {
    const user = await signUpUser(t);
    const id = await queuedSubmission(user);
    const stream = submissionUpdates(t.services, id, viewer(user), null, { quietRecheckMs: 50 });
    expect((await stream.next()).value?.status).toBe("QUEUED");
    await finishSilently(id);
    const next = await stream.next();
    expect(next.value?.status).toBe("FINISHED");
    expect(next.value?.verdict).toBe("ACCEPTED");
    expect((await stream.next()).done).toBe(true);
    await channelReleased(id);
  });

  it("gives its channel back when the submission was already finished", async () => {
    const user = await signUpUser(t);
    const id = await queuedSubmission(user);
    await finishSilently(id);
    const stream = submissionUpdates(t.services, id, viewer(user), null);
    expect((await stream.next()).value?.status).toBe("FINISHED");
    expect((await stream.next()).done).toBe(true);
    await channelReleased(id);
  });

  it("still ends with the verdict when its channel cannot be subscribed (the subscriber's Redis is down)", async () => {
    const down = await startPrivateRedis();
    await down.stop();
    const subscriber = createRedis(down.url);
    subscriber.on("error", () => undefined);
    try {
      const events = new SubmissionEvents(subscriber, t.config.REDIS_PREFIX, createLogger("silent", "test"));
      const user = await signUpUser(t);
      const id = await queuedSubmission(user);
      const deps = { db: t.db, submissionEvents: events, config: t.config };
      const stream = submissionUpdates(deps, id, viewer(user), null, { quietRecheckMs: 50 });
      expect((await stream.next()).value?.status).toBe("QUEUED");
      await finishSilently(id);
      expect((await stream.next()).value?.status).toBe("FINISHED");
      expect((await stream.next()).done).toBe(true);
    } finally {
      subscriber.disconnect();
    }
  }, 60_000);
});
