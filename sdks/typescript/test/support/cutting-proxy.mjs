// A TCP proxy that cuts every connection after a random number of bytes sent to the client
// (mid-frame, mid-chunk, anywhere), to prove that streams lose nothing across reconnects.
// It stops cutting after `cuts` cuts, so a frame larger than the budget still gets through.
import { createServer, connect } from "node:net";

export async function startCuttingProxy(targetPort, { maxBytesBeforeCut, cuts, random = Math.random }) {
  const stats = { cuts: 0, connections: 0 };
  const sockets = new Set();
  const server = createServer((client) => {
    stats.connections++;
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    let budget = 1 + Math.floor(random() * maxBytesBeforeCut);
    const cut = () => {
      stats.cuts++;
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => {
      if (stats.cuts >= cuts || chunk.length < budget) {
        budget -= chunk.length;
        client.write(chunk);
        return;
      }
      client.write(chunk.subarray(0, budget), cut);
      upstream.pause();
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on("error", close);
      s.on("close", close);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    stats,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
