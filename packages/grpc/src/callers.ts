import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Metadata } from '@grpc/grpc-js'
import { AppError } from '@wired/runtime'

/**
 * Who is calling an internal RPC, and may they?
 *
 * Every internal gRPC call carries `authorization: Bearer <caller>.<proof>`, where `proof` is an
 * HMAC-SHA256 of the caller's name under the scenario's secret (GRPC_SECRET). A server checks the
 * proof, then its per-method allow-list: only the gateway may call SendMessages, so only the
 * gateway can say "this message is from bob". A client without the secret (a bare grpcurl or
 * grpcio on a reachable port) gets UNAUTHENTICATED; a real service calling a method that is not
 * its business gets PERMISSION_DENIED.
 *
 * Why not mTLS, which production meshes use: it needs a CA, a certificate per service and
 * rotation, and it hides the wire from the reader. Inside one scenario's private network (loopback,
 * or the compose network with no gRPC port published) a signed caller name gives the property the
 * design needs, caller identity per method, in a header a reader can see. Anyone holding the
 * secret can claim any name: it is one secret per deployment, like a database password.
 */
export interface CallerCredentials {
  /** The calling service, as the servers' allow-lists name it: 'gateway', 'api', ... */
  name: string
  secret: string
}

/** For each method of a service (ts-proto's lowerCamel names), the callers allowed to call it. */
export type CallerPolicy<D> = { readonly [K in keyof D]: readonly string[] }

const CALLER_NAME = /^[a-z][a-z0-9-]{0,63}$/
const MIN_SECRET_LENGTH = 32

/** The header value a caller sends: `Bearer <name>.<proof>`. */
export function callerAuthorization({ name, secret }: CallerCredentials): string {
  checkSecret(secret)
  if (!CALLER_NAME.test(name)) throw new AppError('INVALID_ARGUMENT', `grpc caller name '${name}' is not [a-z0-9-]`)
  return `Bearer ${name}.${proofOf(secret, name)}`
}

/**
 * The caller a request proves to be, checked against `allowed`. Throws UNAUTHENTICATED without a
 * valid proof, PERMISSION_DENIED for a proven caller not on the list.
 */
export function authorizeCaller(
  metadata: Metadata,
  secret: string,
  method: string,
  allowed: readonly string[],
): string {
  const [header] = metadata.get('authorization')
  const match = typeof header === 'string' ? /^Bearer ([a-z][a-z0-9-]{0,63})\.([A-Za-z0-9_-]{43})$/.exec(header) : null
  if (!match)
    throw new AppError(
      'UNAUTHENTICATED',
      `${method} needs an internal caller token (authorization: Bearer <caller>.<proof>)`,
    )
  const [, name, proof] = match as unknown as [string, string, string]
  const expected = Buffer.from(proofOf(secret, name))
  if (!timingSafeEqual(expected, Buffer.from(proof))) {
    throw new AppError(
      'UNAUTHENTICATED',
      `${method}: the caller token for '${name}' is not signed with this deployment's secret`,
    )
  }
  if (!allowed.includes(name)) {
    throw new AppError(
      'PERMISSION_DENIED',
      `${method} may be called by ${allowed.join(', ') || 'nobody'}, not by '${name}'`,
    )
  }
  return name
}

export function checkSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AppError('INVALID_ARGUMENT', `the gRPC secret must be at least ${MIN_SECRET_LENGTH} characters`)
  }
}

function proofOf(secret: string, name: string): string {
  return createHmac('sha256', secret).update(`wired grpc caller:${name}`).digest('base64url')
}
