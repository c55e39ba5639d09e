import { credentials, Metadata, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js'
import { callerAuthorization } from '@wired/grpc'

/**
 * One unary call from a client the project did not write: grpc-js's generic client, with only
 * the metadata given (none by default), as grpcurl or grpcio would call. Resolves with the
 * call's error, or null when it was answered: a test of who may call what asserts on the status.
 */
export function bareUnaryCall(
  definition: object,
  address: string,
  method: string,
  request: unknown,
  metadata = new Metadata(),
): Promise<ServiceError | null> {
  type Bare = { close(): void } & Record<
    string,
    (r: unknown, m: Metadata, cb: (e: ServiceError | null) => void) => void
  >
  const Client = makeGenericClientConstructor(definition as never, 'Bare')
  const client = new Client(address, credentials.createInsecure()) as unknown as Bare
  return new Promise((resolve) =>
    client[method]!(request, metadata, (error) => {
      client.close()
      resolve(error)
    }),
  )
}

/** The metadata of a call signed as `name` with `secret` (a deployment's GRPC_SECRET, or a wrong one). */
export function signedAs(name: string, secret: string): Metadata {
  const metadata = new Metadata()
  metadata.set('authorization', callerAuthorization({ name, secret }))
  return metadata
}
