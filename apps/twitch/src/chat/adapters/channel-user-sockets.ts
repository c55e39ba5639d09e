import { LocalSockets } from '@wired/ws'

interface Closable {
  close(code: number, reason: string): void
}

/** This server's sockets by (channel, user): what a ban announced on the control channel closes. */
export class ChannelUserSockets<Socket extends Closable = Closable> {
  private readonly sockets = new LocalSockets<Socket>()

  add(channel: string, user: string, socket: Socket): void {
    this.sockets.add(`${channel}\n${user}`, socket)
  }

  remove(channel: string, user: string, socket: Socket): void {
    this.sockets.remove(`${channel}\n${user}`, socket)
  }

  close(channel: string, user: string, code: number, reason: string): number {
    const sockets = [...this.sockets.socketsOf(`${channel}\n${user}`)]
    for (const socket of sockets) socket.close(code, reason)
    return sockets.length
  }
}
