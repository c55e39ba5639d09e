import { LocalSockets } from '@wired/ws'

interface Closable {
  close(code: number, reason: string): void
}

/** This gateway's sockets by the session (token hash) that opened them: what a sign-out closes. */
export class SessionSockets<Socket extends Closable = Closable> {
  private readonly sockets = new LocalSockets<Socket>()

  add(tokenHash: string, socket: Socket): void {
    this.sockets.add(tokenHash, socket)
  }

  remove(tokenHash: string, socket: Socket): void {
    this.sockets.remove(tokenHash, socket)
  }

  /** Closes every socket of that session here; none is the common case (it is on another gateway). */
  close(tokenHash: string, code: number, reason: string): void {
    for (const socket of [...this.sockets.socketsOf(tokenHash)]) socket.close(code, reason)
  }
}
