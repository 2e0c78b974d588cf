import { once } from "node:events";
import { type AddressInfo, connect, createServer } from "node:net";
import { expect, it } from "@jest/globals";
import { whatKeepsTheProcessAlive } from "../worker-exit-report.ts";

// The report a jest worker prints when it outlives its last file (test/environment.ts) must name the culprits.
it("names an open socket by its peer and a pending timer, and forgets them once closed", async () => {
  const server = createServer((socket) => socket.on("error", () => undefined));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const client = connect(port, "127.0.0.1");
  await once(client, "connect");
  const timer = setTimeout(() => undefined, 60_000);
  try {
    const alive = whatKeepsTheProcessAlive();
    expect(alive).toContain(`socket to 127.0.0.1:${port}`);
    expect(alive).toContain(`server on 127.0.0.1:${port}`);
    expect(alive).toContain("Timeout");
  } finally {
    clearTimeout(timer);
    client.destroy();
    server.close();
    await once(server, "close");
  }
  const after = whatKeepsTheProcessAlive();
  expect(after).not.toContain(`socket to 127.0.0.1:${port}`);
  expect(after).not.toContain(`server on 127.0.0.1:${port}`);
});
