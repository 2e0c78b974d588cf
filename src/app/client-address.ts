import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import type { TrustProxy } from "../config.ts";

/** Which of the addresses a request came through are the deployment's own proxies (proxy-addr's form). */
export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as proxy-addr (and Express's `trust proxy`) take it: nothing, the first `hops` addresses counted
 * from the socket, or the addresses inside the configured CIDR ranges. The client is then the right-most address
 * of X-Forwarded-For that is not trusted: what a client writes into the header itself is to the left of what its
 * proxies append, so it never decides the address that rate limits and socket caps count by.
 */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === false) return () => false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

/** The client's address of an HTTP request or a WebSocket upgrade, by the same rule for both transports. */
export function clientAddress(request: IncomingMessage, trust: TrustFunction): string {
  // proxy-addr reads the socket's address first; a socket already closed has none.
  if (!request.socket.remoteAddress) return "unknown";
  return proxyAddr(request, trust);
}
