import { expect } from 'vitest'

/**
 * What a REST answer refusing one field looks like (strict schemas in @wired/http): 400, one
 * INVALID_ARGUMENT error whose message and issues name the field, e.g. 'body/pickup/lat'.
 * For `expect(answer).toMatchObject(refusedFor(...))`, where `answer` is `{ status, ...envelope }`.
 */
export const refusedFor = (field: string) => ({
  status: 400,
  errors: [
    {
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(field),
      details: { issues: [expect.objectContaining({ field })] },
    },
  ],
})
