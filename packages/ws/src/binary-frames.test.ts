import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { BinaryCodec } from './connection'
import { messages, opened, startGateway, type TestGateway } from './test-support'

let running: TestGateway
afterEach(() => running.stop())

/** A toy binary encoding: `<type>:<text>` in UTF-8; a frame without ':' is refused, one starting with '!' throws. */
const colonFrames: BinaryCodec = {
  decode(data) {
    const text = data.toString()
    if (text.startsWith('!')) throw new Error('decoder blew up')
    const colon = text.indexOf(':')
    if (colon < 0) return 'frame has no colon'
    return { type: text.slice(0, colon), text: text.slice(colon + 1) }
  },
  encodeError: (error) => Buffer.from(`error:${error.code}:${error.message}`),
}

const connectWith = (url: string, protocol: string) =>
  new WebSocket(url, [protocol], { headers: { authorization: 'Bearer alice' } })

/** Resolves with the next `count` frames as received: binary ones as their text, tagged. */
function rawFrames(socket: WebSocket, count: number): Promise<Array<{ binary: boolean; text: string }>> {
  return new Promise((resolve) => {
    const seen: Array<{ binary: boolean; text: string }> = []
    const onMessage = (data: Buffer, isBinary: boolean) => {
      seen.push({ binary: isBinary, text: data.toString() })
      if (seen.length === count) {
        socket.off('message', onMessage)
        resolve(seen)
      }
    }
    socket.on('message', onMessage)
  })
}

async function startBinaryEcho(): Promise<TestGateway> {
  return startGateway({
    binaryCodecs: { 'colon.v1': colonFrames },
    onConnection(connection) {
      connection.onMessage((message) => {
        const reply = `${connection.protocol}|${String(message.type)}|${String(message.text)}|${connection.bufferedAmount}`
        connection.sendBinary(Buffer.from(reply), 'echo')
      })
    },
  })
}

describe('binary frames', () => {
  it('tells the app the chosen subprotocol and decodes its binary frames with the codec', async () => {
    running = await startBinaryEcho()
    const client = await opened(connectWith(running.url, 'colon.v1'))
    const replies = rawFrames(client, 1)
    client.send(Buffer.from('subscribe:ABC'))
    expect(await replies).toEqual([{ binary: true, text: 'colon.v1|subscribe|ABC|0' }])
  })

  it('answers a refused or undecodable binary frame with an error in the codec encoding, and stays usable', async () => {
    running = await startBinaryEcho()
    const client = await opened(connectWith(running.url, 'colon.v1'))
    const replies = rawFrames(client, 3)
    client.send(Buffer.from('no colon here'))
    client.send(Buffer.from('!boom'))
    client.send(Buffer.from('ping:still here'))
    const [refused, undecodable, echo] = await replies
    expect(refused).toEqual({ binary: true, text: 'error:INVALID_ARGUMENT:frame has no colon' })
    expect(undecodable).toEqual({ binary: true, text: 'error:INVALID_ARGUMENT:binary frame could not be decoded' })
    // The two error frames may still sit in the corked socket when the echo is built: bufferedAmount counts them.
    expect(echo?.text).toMatch(/^colon\.v1\|ping\|still here\|(0|\d{2,3})$/)
  })

  it('keeps refusing binary frames on a subprotocol without a codec, with a JSON error', async () => {
    running = await startBinaryEcho()
    const client = await opened(connectWith(running.url, 'chat.v1'))
    const replies = messages(client, 1)
    client.send(Buffer.from('subscribe:ABC'))
    expect(await replies).toEqual([
      { type: 'error', code: 'INVALID_ARGUMENT', message: 'binary frames are not supported; send JSON text' },
    ])
  })
})
