import { status } from '@grpc/grpc-js'
import { GetDriverPositionRequest, LocationServiceService } from '@wired/proto/uber/v1/location'
import { CancelRideRequest, ListRidesRequest, RideServiceService } from '@wired/proto/uber/v1/rides'
import { bareUnaryCall as call, runModes, signedAs } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './support/harness'

/**
 * Uber's internal RPCs from a client the project did not write (a bare grpc-js generic client,
 * as grpcurl or grpcio would be): the acting rider is named in the request, so only the edges
 * that authenticated the rider may call them (src/shared/callers.ts).
 */
describe.each(runModes())('internal gRPC refuses unknown and unauthorised callers (%s)', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  }, 120_000)
  afterAll(() => h?.stop())

  it('will not list or cancel a rider’s rides for a bare client, nor for a service that is not the edge', async () => {
    const list = ListRidesRequest.fromPartial({ riderId: 'someone-else', limit: 10 })
    const cancel = CancelRideRequest.fromPartial({ rideId: 'any-ride', riderId: 'someone-else' })
    expect(await call(RideServiceService, h.urls.matching, 'listRides', list)).toMatchObject({
      code: status.UNAUTHENTICATED,
    })
    expect(await call(RideServiceService, h.urls.matching, 'cancelRide', cancel)).toMatchObject({
      code: status.UNAUTHENTICATED,
    })
    expect(
      await call(RideServiceService, h.urls.matching, 'listRides', list, signedAs('rider-gateway', h.grpcSecret)),
    ).toMatchObject({
      code: status.PERMISSION_DENIED,
    })
    expect(
      await call(RideServiceService, h.urls.matching, 'cancelRide', cancel, signedAs('api', h.grpcSecret)),
    ).toMatchObject({
      code: status.PERMISSION_DENIED,
    })
  })

  it('will not tell a bare client where a driver is', async () => {
    const request = GetDriverPositionRequest.fromPartial({ driverId: 'sim-001' })
    expect(await call(LocationServiceService, h.urls.location, 'getDriverPosition', request)).toMatchObject({
      code: status.UNAUTHENTICATED,
    })
  })
})
