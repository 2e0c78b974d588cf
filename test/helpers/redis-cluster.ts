// A real Redis Cluster of redis-server processes on free loopback ports, for the cluster test and
// `npm run drill -- cluster`: started with redis-cli --cluster create, torn down with its config files.
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { freePort } from "./ports.ts";

const run = promisify(execFile);

export type ClusterNode = { port: number; process: ChildProcess };

export type RedisCluster = {
  /** `127.0.0.1:P1,127.0.0.1:P2,…`: every node, as REDIS_CLUSTER_NODES takes them. */
  seedNodes: string;
  nodes: ClusterNode[];
  /** Runs one command on the node at `port` (a short-lived connection of its own). */
  command(port: number, ...args: (string | number)[]): Promise<unknown>;
  /** The port of the master that serves `key`'s slot now, and the ports of its replicas. */
  slotOwner(key: string): Promise<{ master: number; replicas: number[] }>;
  /**
   * Resolves when the master at `port` has a replica whose copy is online (a replica still syncing after a
   * failover cannot be elected: killing its master then leaves the slots down).
   */
  waitForOnlineReplica(port: number, timeoutMs: number): Promise<void>;
  /** Kills the node at `port` (SIGKILL, as a crash would) and waits for its exit. */
  kill(port: number): Promise<void>;
  /** Resolves when every running node reports cluster_state:ok and agrees on the slots. */
  waitUntilOk(timeoutMs: number): Promise<void>;
  /** Kills every node and removes the config directory. */
  stop(): Promise<void>;
};

/** Why this machine cannot start a cluster (redis-server or redis-cli missing from PATH), or null when it can. */
export function clusterToolsMissing(): string | null {
  for (const tool of ["redis-server", "redis-cli"]) {
    if (spawnSync(tool, ["--version"], { stdio: "ignore" }).status !== 0) return tool;
  }
  return null;
}

async function onNode(port: number, args: (string | number)[]): Promise<unknown> {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const [name, ...rest] = args.map(String);
    return await client.call(name ?? "PING", ...rest);
  } finally {
    client.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilAnswering(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await onNode(port, ["PING"])) === "PONG") return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer: ${String(error)}`);
    }
    await sleep(50);
  }
}

/** `CLUSTER NODES` as rows: id, port, flags, master id ("-" for a master), slot ranges. */
function parseClusterNodes(text: string) {
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const [id = "", address = "", flags = "", masterId = "", , , , , ...slots] = line.split(" ");
      const port = Number(address.split("@")[0]?.split(":")[1]);
      return { id, port, flags: flags.split(","), masterId, slots };
    });
}

/**
 * Starts `masters` masters with `replicasPerMaster` replicas each (node timeout 2 s, no persistence) and creates
 * the cluster. On any failure the nodes already started are killed before the error is thrown.
 */
export async function startRedisCluster(options: {
  masters: number;
  replicasPerMaster: number;
}): Promise<RedisCluster> {
  const directory = await mkdtemp(join(tmpdir(), "dojo-redis-cluster-"));
  const nodes: ClusterNode[] = [];
  const kill = async (port: number) => {
    const node = nodes.find((candidate) => candidate.port === port);
    const child = node?.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };
  const stop = async () => {
    await Promise.all(nodes.map((node) => kill(node.port)));
    await rm(directory, { recursive: true, force: true });
  };
  const running = () => nodes.filter((node) => node.process.exitCode === null && node.process.signalCode === null);
  const command = (port: number, ...args: (string | number)[]) => onNode(port, args);
  const cluster: RedisCluster = {
    seedNodes: "",
    nodes,
    command,
    kill,
    stop,
    async slotOwner(key) {
      const slot = Number(await command(nodes[0]?.port ?? 0, "CLUSTER", "KEYSLOT", key));
      for (const node of running()) {
        const rows = parseClusterNodes(String(await command(node.port, "CLUSTER", "NODES")));
        const master = rows.find(
          (row) =>
            row.flags.includes("master") &&
            !row.flags.includes("fail") &&
            row.slots.some((range) => {
              const [low, high = low] = range.split("-").map(Number);
              return low !== undefined && slot >= low && slot <= high;
            }),
        );
        if (!master) continue;
        const replicas = rows
          .filter((row) => row.masterId === master.id && !row.flags.includes("fail"))
          .map((row) => row.port);
        return { master: master.port, replicas };
      }
      throw new Error(`no node serves the slot of ${key}`);
    },
    async waitForOnlineReplica(port, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!/^slave\d+:.*state=online/m.test(String(await command(port, "INFO", "replication")))) {
        if (Date.now() > deadline) throw new Error(`the master on port ${port} has no online replica`);
        await sleep(100);
      }
    },
    async waitUntilOk(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await Promise.all(
          running().map((node) => command(node.port, "CLUSTER", "INFO").then(String, () => "unreachable")),
        );
        if (states.every((info) => info.includes("cluster_state:ok"))) return;
        if (Date.now() > deadline) throw new Error(`the cluster is not ok after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
  };
  try {
    const total = options.masters * (1 + options.replicasPerMaster);
    for (let index = 0; index < total; index++) {
      const port = await freePort();
      const args = [
        ["--port", String(port)],
        ["--bind", "127.0.0.1"],
        ["--cluster-enabled", "yes"],
        ["--cluster-config-file", join(directory, `nodes-${port}.conf`)],
        ["--cluster-node-timeout", "2000"],
        ["--dir", directory],
        ["--save", ""],
        ["--appendonly", "no"],
      ].flat();
      const child = spawn("redis-server", args, { stdio: "ignore" });
      child.once("error", () => undefined);
      nodes.push({ port, process: child });
    }
    await Promise.all(nodes.map((node) => waitUntilAnswering(node.port, 10_000)));
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run("redis-cli", [
      "--cluster",
      "create",
      ...addresses,
      "--cluster-replicas",
      String(options.replicasPerMaster),
      "--cluster-yes",
    ]);
    cluster.seedNodes = addresses.join(",");
    await cluster.waitUntilOk(30_000);
    // cluster_state:ok comes before every node has learnt every other's role: wait until each sees all of them.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const views = await Promise.all(
        nodes.map(async (node) => parseClusterNodes(String(await command(node.port, "CLUSTER", "NODES")))),
      );
      const settled = views.every(
        (rows) =>
          rows.length === total &&
          rows.filter((row) => row.flags.includes("master")).length === options.masters &&
          rows.every((row) => !row.flags.some((flag) => flag === "handshake" || flag === "noaddr")),
      );
      if (settled) break;
      if (Date.now() > deadline) throw new Error("the cluster's nodes do not agree on its membership");
      await sleep(100);
    }
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}
