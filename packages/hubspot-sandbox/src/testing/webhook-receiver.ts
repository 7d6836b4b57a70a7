import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WebhookReceiver {
  readonly url: string
  /** Every event received so far, in arrival order. */
  readonly events: Array<Record<string, unknown>>
  close(): Promise<void>
}

/** A local HTTP endpoint that accepts the sandbox's webhook batches and keeps their events. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const events: Array<Record<string, unknown>> = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      events.push(...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<Record<string, unknown>>))
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
