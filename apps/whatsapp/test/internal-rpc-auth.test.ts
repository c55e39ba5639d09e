import { randomUUID } from 'node:crypto'
import { status } from '@grpc/grpc-js'
import { MessageServiceService, SendMessagesRequest } from '@wired/proto/whatsapp/v1/message'
import { SignInRequest, UserServiceService } from '@wired/proto/whatsapp/v1/users'
import { bareUnaryCall as call, runModes, signedAs } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conversationOf, signUp } from './support/chatter'
import { count } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

/**
 * Internal RPCs from a client the project did not write (a bare grpc-js generic client, as
 * grpcurl or grpcio would be): without a caller token signed with the deployment's secret nothing
 * is answered, and a real service may only call what its allow-list grants (src/shared/callers.ts).
 */
describe.each(runModes())('internal gRPC refuses unknown and unauthorised callers (%s)', (mode) => {
  let system: RunningSystem
  beforeAll(async () => {
    system = await bootSystem(mode)
  }, 120_000)
  afterAll(() => system?.stop())

  it('stores nothing when a bare client sends a message "from bob" without a caller token', async () => {
    const [alice, bob] = await Promise.all([signUp(system, 'alice'), signUp(system, 'bob')])
    const conversationId = await conversationOf(alice, [bob])
    const clientMessageId = `forged-${randomUUID()}`
    const forged = SendMessagesRequest.fromPartial({
      sends: [{ senderId: bob.userId, conversationId, clientMessageId, text: 'I never wrote this' }],
    })
    const anonymous = await call(MessageServiceService, system.messageAddress, 'sendMessages', forged)
    expect(anonymous).toMatchObject({ code: status.UNAUTHENTICATED })
    const wrongSecret = await call(
      MessageServiceService,
      system.messageAddress,
      'sendMessages',
      forged,
      signedAs('gateway', 'not-the-deployment-secret-but-long-enough'),
    )
    expect(wrongSecret).toMatchObject({ code: status.UNAUTHENTICATED })
    // The REST api is a real service with the secret, but sending is the gateway's job only.
    const fromApi = await call(
      MessageServiceService,
      system.messageAddress,
      'sendMessages',
      forged,
      signedAs('api', system.grpcSecret),
    )
    expect(fromApi).toMatchObject({ code: status.PERMISSION_DENIED })
    expect(
      await count(system, 'SELECT count(*) AS n FROM wa_messages.messages WHERE client_message_id = $1', [
        clientMessageId,
      ]),
    ).toBe(0)
  })

  it('will not hand out a session token to a bare client', async () => {
    const bob = await signUp(system, 'bob')
    const request = SignInRequest.fromPartial({ handle: bob.user.handle })
    expect(await call(UserServiceService, system.usersAddress, 'signIn', request)).toMatchObject({
      code: status.UNAUTHENTICATED,
    })
    expect(
      await call(UserServiceService, system.usersAddress, 'signIn', request, signedAs('gateway', system.grpcSecret)),
    ).toMatchObject({
      code: status.PERMISSION_DENIED,
    })
  })
})
