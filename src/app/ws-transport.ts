import type { IncomingMessage } from "node:http";
import { CloseCode, type ConnectionInitMessage, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import type { Logger } from "pino";
import type { WebSocket, WebSocketServer } from "ws";

/** What every graphql-ws callback gets as `ctx.extra`, besides what the caller adds. */
export type SocketExtra = { readonly socket: WebSocket; readonly request: IncomingMessage };

// A socket that has not answered the previous ping by the next one is dropped (graphql-ws's default period).
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws's protocol (makeServer) on a `ws` server. graphql-ws/use/ws does the same but prints
 * failures (an oversized frame, a throwing hook) with console.error, stack traces outside the JSON logs,
 * and may put an internal message in the close reason; here they go to pino, and clients get
 * "Internal server error".
 */
export function serveGraphqlWs<P extends ConnectionInitMessage["payload"], E extends SocketExtra>(
  wsServer: WebSocketServer,
  options: ServerOptions<P, E>,
  log: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.on("error", (error) => log.error({ err: error, transport: "ws" }, "websocket server error"));
  wsServer.on("connection", (socket, request) => {
    // A client's fault (a frame over maxPayload, invalid UTF-8): ws has already closed the socket (1009, 1007).
    socket.on("error", (error) => log.warn({ err: error, transport: "ws" }, "websocket closed on a bad frame"));
    let answered = true;
    socket.on("pong", () => {
      answered = true;
    });
    const keepAlive = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              log.error({ err: error, transport: "ws" }, "websocket message failed");
              socket.close(CloseCode.InternalServerError, "Internal server error");
            }
          }),
      },
      // The caller's fields of E are filled in by its own hooks (onConnect).
      { socket, request } as E,
    );
    socket.once("close", (code, reason) => {
      clearInterval(keepAlive);
      closed(code, String(reason)).catch((error: unknown) =>
        log.error({ err: error, transport: "ws" }, "websocket close handler failed"),
      );
    });
  });
  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, "Going away");
      wsServer.removeAllListeners();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
