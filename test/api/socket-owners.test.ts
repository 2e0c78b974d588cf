import { describe, expect, it } from "@jest/globals";
import { SocketOwners } from "../../src/app/socket-owners.ts";

function owners(waitingMs = 60_000) {
  const evicted: string[] = [];
  const registry = new SocketOwners<string>({
    maxPerOwner: 2,
    maxWaitingPerAddress: 2,
    waitingMs,
    evict: (socket) => evicted.push(socket),
  });
  return { registry, evicted };
}

describe("SocketOwners", () => {
  it("evicts the oldest socket of an address waiting for its first operation, not the newest", () => {
    const { registry, evicted } = owners();
    registry.openWaiting("a", "203.0.113.1");
    registry.openWaiting("b", "203.0.113.1");
    registry.openWaiting("other", "203.0.113.2");
    registry.openWaiting("c", "203.0.113.1");
    expect(evicted).toEqual(["a"]);
    // A claimed socket no longer waits: it is never evicted for a newer one.
    expect(registry.claim("b", "user:1", true)).toBeNull();
    registry.openWaiting("d", "203.0.113.1");
    registry.openWaiting("e", "203.0.113.1");
    expect(evicted).toEqual(["a", "c"]);
    for (const socket of ["b", "c", "d", "e", "other"]) registry.close(socket);
  });

  it("closes a socket that runs nothing within the wait", async () => {
    const { registry, evicted } = owners(20);
    registry.openWaiting("idle", "203.0.113.1");
    registry.openWaiting("busy", "203.0.113.1");
    expect(registry.claim("busy", "ip:203.0.113.1", true)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(evicted).toEqual(["idle"]);
    registry.close("busy");
  });

  it("counts claimed sockets per identity, frees them on close, and hands a socket over only when idle", () => {
    const { registry } = owners();
    expect(registry.openAs("s1", "user:1")).toBe(true);
    expect(registry.openAs("s2", "user:1")).toBe(true);
    expect(registry.openAs("s3", "user:1")).toBe(false);
    registry.openWaiting("w", "203.0.113.1");
    expect(registry.claim("w", "user:1", true)).toBe("cap");
    expect(registry.claim("w", "user:2", true)).toBeNull();
    expect(registry.claim("w", "user:3", false)).toBe("taken");
    registry.close("s1");
    expect(registry.claim("w", "user:1", true)).toBeNull();
    expect(registry.openAs("s4", "user:1")).toBe(false);
    for (const socket of ["s2", "w"]) registry.close(socket);
    expect(registry.openAs("s5", "user:1")).toBe(true);
  });
});
