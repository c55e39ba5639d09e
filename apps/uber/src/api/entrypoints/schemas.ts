/** JSON schemas for the REST bodies: fastify validates them before a handler runs (400 + envelope). */
export const latLonSchema = {
  type: 'object',
  required: ['lat', 'lon'],
  additionalProperties: false,
  properties: {
    lat: { type: 'number', minimum: -85.05112878, maximum: 85.05112878 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
  },
} as const

export const tripSchema = {
  type: 'object',
  required: ['pickup', 'dropoff'],
  additionalProperties: false,
  properties: { pickup: latLonSchema, dropoff: latLonSchema },
} as const

const password = { type: 'string', minLength: 8, maxLength: 128 } as const
// No control characters: PostgreSQL refuses U+0000 in text (it surfaced as a 500).
const printable = '^[^\\u0000-\\u001f\\u007f]*$'
const name = { type: 'string', minLength: 1, maxLength: 80, pattern: printable } as const

export const riderSignupSchema = {
  type: 'object',
  required: ['email', 'name', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 200 }, name, password },
} as const

export const driverSignupSchema = {
  type: 'object',
  required: ['id', 'name', 'vehicle', 'password'],
  additionalProperties: false,
  properties: {
    // The id becomes the MQTT username and a topic level: drivers/<id>/location.
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,31}$' },
    name,
    vehicle: { type: 'string', minLength: 1, maxLength: 80, pattern: printable },
    password,
  },
} as const

export const loginSchema = {
  type: 'object',
  required: ['role', 'login', 'password'],
  additionalProperties: false,
  properties: {
    role: { type: 'string', enum: ['rider', 'driver'] },
    login: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 1, maxLength: 128 },
  },
} as const

export const profileSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name },
} as const

export const paymentSchema = {
  type: 'object',
  required: ['method'],
  additionalProperties: false,
  properties: { method: { type: 'string', enum: ['card', 'cash', 'wallet'] } },
} as const

export const rideParamsSchema = {
  type: 'object',
  required: ['rideId'],
  properties: { rideId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

export const historyQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 50 },
    cursor: { type: 'string', maxLength: 200 },
  },
} as const
