/** Starting a local HTTP server (preview, serve, mock): listen, and say where it listens. */
import type { Server } from 'node:http';

/** Listens on host:port (port 0 picks a free one); resolves with the bound host (IPv6 in brackets) and port. */
export async function listen(server: Server, port: number, host: string): Promise<{ host: string; port: number }> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      // Only a failure to listen rejects; later errors are the server's own to handle.
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  // Listening on host:port gives an AddressInfo; a string is a pipe or socket path.
  if (address === null || typeof address === 'string') throw new Error(`the server does not listen on a TCP port (${String(address)})`);
  return { host: address.family === 'IPv6' ? `[${address.address}]` : address.address, port: address.port };
}
