import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startCountingProxy } from './byte-counter'
import { until } from './clock'

describe('counting proxy', () => {
  it('counts the bytes each way on its sockets and can tap what the server sent', async () => {
    // The server answers every chunk with twice as many bytes, so the directions differ.
    const server = net.createServer((socket) =>
      socket.on('data', (chunk: Buffer) => socket.write(Buffer.concat([chunk, chunk]))),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const proxy = await startCountingProxy((server.address() as net.AddressInfo).port, { tap: true })
    const client = net.connect(proxy.port, '127.0.0.1')
    let received = 0
    client.on('data', (chunk: Buffer) => {
      received += chunk.length
    })
    client.write('hello')
    expect(await until(() => received === 10, 2_000)).toBe(true)
    expect(proxy.count()).toEqual({ toServer: 5, toClient: 10, connections: 1 })
    expect(proxy.tapped().toString()).toBe('hellohello')

    // Bytes of a connection that has closed still count.
    client.destroy()
    expect(await until(() => proxy.count().toServer === 5 && proxy.count().connections === 1, 1_000)).toBe(true)
    await proxy.close()
    server.close()
  })
})
