// Port handling shared by every service the emulator starts.
import { createServer, type Server } from 'node:net';

/**
 * A port that `what` can listen on. 0 asks the OS for a free one (for processes such as DynamoDB
 * Local that cannot report the port they chose); a fixed port is probed first, so that a port in
 * use is reported by name instead of as a child process that dies or a confusing EADDRINUSE.
 * Probing 0.0.0.0 also catches listeners bound to 127.0.0.1 only (Linux refuses the wildcard bind).
 */
export async function reservePort(port: number, what: string): Promise<number> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port, host: '0.0.0.0', exclusive: true }, resolve);
    });
    return (probe.address() as { port: number }).port;
  } catch (error) {
    throw portError(error, port, what);
  } finally {
    await new Promise((resolve) => probe.close(resolve));
  }
}

/** Starts a node:http (or net) server, naming the port and its purpose if it is taken. */
export async function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(portError(error, port, what)));
    server.listen({ port, host }, resolve);
  });
  return (server.address() as { port: number }).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would hold close() open until they time out.
    (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

function portError(error: unknown, port: number, what: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new Error(`Port ${port} is already in use; ${what} wanted it`, { cause: error });
  if (code === 'EACCES') return new Error(`Port ${port} is not allowed; ${what} wanted it`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
