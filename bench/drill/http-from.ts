import { request } from "node:http";

export type GraphqlReply<T> = {
  status: number;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** The server haproxy chose (its x-served-by header); empty when the request went to an API directly. */
  servedBy: string;
};

/**
 * POSTs one GraphQL operation on a fresh connection from `localAddress` (any 127.x.y.z is this machine), so
 * learners behind one load balancer have addresses of their own, as on the Internet.
 */
export function postFrom<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: { token?: string; localAddress?: string; headers?: Record<string, string> } = {},
): Promise<GraphqlReply<T>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        localAddress: options.localAddress,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: GraphqlReply<T>["body"];
          try {
            parsed = JSON.parse(text) as GraphqlReply<T>["body"];
          } catch {
            parsed = { errors: [{ message: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` }] };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, servedBy: String(res.headers["x-served-by"] ?? "") });
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from ${url} within 60 s`)));
    req.on("error", reject);
    req.end(body);
  });
}
