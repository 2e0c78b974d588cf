import { describe, expect, it } from "@jest/globals";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { queuePrefix } from "../../src/redis.ts";

// REDIS_CLUSTER_NODES: how a deployment names a Redis Cluster, and the queue prefix that follows from it.
describe("REDIS_CLUSTER_NODES", () => {
  it("is unset by default: one Redis at REDIS_URL, the queue prefix as configured", () => {
    const config = loadConfig({});
    expect(config.REDIS_CLUSTER_NODES).toBeUndefined();
    expect(queuePrefix(config)).toBe("dojo");
  });

  it("takes host:port seeds, or redis:// URLs whose first credentials and TLS apply to every node", () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.1:7000, 10.0.0.2:7001,10.0.0.3" }).REDIS_CLUSTER_NODES).toEqual({
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "10.0.0.2", port: 7001 },
        { host: "10.0.0.3", port: 6379 },
      ],
      tls: false,
    });
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: "rediss://app:s%40cret@redis-0.internal:6380,redis-1.internal:6380" })
        .REDIS_CLUSTER_NODES,
    ).toEqual({
      nodes: [
        { host: "redis-0.internal", port: 6380 },
        { host: "redis-1.internal", port: 6380 },
      ],
      username: "app",
      password: "s@cret",
      tls: true,
    });
  });

  it("makes the queue prefix a hash tag, so every key of a queue hashes to one slot", () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: "127.0.0.1:7000", REDIS_PREFIX: "dojo" });
    expect(queuePrefix(config)).toBe("{dojo}");
  });

  it("refuses what is not a node, saying what it expected", () => {
    for (const bad of ["http://10.0.0.1:7000", "10.0.0.1:port", "redis://:7000"]) {
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(/expected host:port or redis:\/\/host:port/);
    }
  });
});
