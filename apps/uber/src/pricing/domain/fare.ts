/**
 * Upfront pricing: the rider sees the price before booking, computed from the route the city's
 * router plans. Cents as integers: money never goes through floating point sums.
 */
export interface FareTable {
  baseCents: number
  perKmCents: number
  perMinuteCents: number
  minimumCents: number
}

export const DEFAULT_FARES: FareTable = { baseCents: 250, perKmCents: 120, perMinuteCents: 30, minimumCents: 500 }

export function quoteFare(route: { metres: number; seconds: number }, surgeMultiplier: number, table = DEFAULT_FARES) {
  const raw = table.baseCents + (route.metres / 1000) * table.perKmCents + (route.seconds / 60) * table.perMinuteCents
  // Surge applies to the whole fare, minimum included; rounding to 10 cents keeps prices tidy.
  return Math.round((Math.max(raw, table.minimumCents) * surgeMultiplier) / 10) * 10
}
