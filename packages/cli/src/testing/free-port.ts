import { createServer } from 'node:net'

/** A port on 127.0.0.1 that nothing listens on now (the OS picks it; a test then writes it into a config). */
export async function freePort(): Promise<number> {
  const held = await holdPort()
  await held.close()
  return held.port
}

/** A port on 127.0.0.1 held by a bare listener until close(): what a test of "the port is taken" needs. */
export async function holdPort(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP port')
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
