import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP port that forwards to another (here: the real PostgreSQL) only while open: closed, connections to
 * it are refused, as for a database host that is down. Its port is reserved from the start.
 */
export type TcpForwarder = {
  port: number;
  /**
   * `url` (a connection URL for the forwarded server) pointed at the forwarder: its host as well as its port, for
   * the forwarder listens on 127.0.0.1 while the server may be elsewhere (`postgres:5432` under Compose).
   */
  urlThrough(url: string): string;
  open(): Promise<void>;
  close(): Promise<void>;
};

export async function createTcpForwarder(targetPort: number, targetHost = "127.0.0.1"): Promise<TcpForwarder> {
  const sockets = new Set<Socket>();
  const makeServer = () =>
    createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  // Bind once to learn a free port, then release it: "closed" means nothing listens there.
  let server: Server | null = makeServer();
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const port = address.port;
  await new Promise((resolve) => server?.close(resolve));
  server = null;
  return {
    port,
    urlThrough(url) {
      const through = new URL(url);
      through.hostname = "127.0.0.1";
      through.port = String(port);
      return through.toString();
    },
    async open() {
      if (server) return;
      const opening = makeServer();
      await new Promise<void>((resolve) => opening.listen(port, "127.0.0.1", resolve));
      server = opening;
    },
    async close() {
      const closing = server;
      server = null;
      if (!closing) return;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => closing.close(resolve));
    },
  };
}
