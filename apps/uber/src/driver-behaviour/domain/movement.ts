import { haversineMetres, type LatLon } from '../../shared/city'

/**
 * Driver behaviour from the location history: the speed between two consecutive fixes, as the
 * ground covered, not as the phone reports it (a phone can lie; two positions and a clock cannot).
 * A jump faster than any car is a GPS glitch or a spoofed position, not speeding.
 */
export interface Fix {
  position: LatLon
  recordedAt: number
}

export type Verdict = 'normal' | 'speeding' | 'implausible'

export interface MovementLimits {
  speedingMps: number
  implausibleMps: number
}

// The city's avenues allow 50 km/h (13.9 m/s): 20% over that is speeding; 200 km/h is no car in town.
export const CITY_LIMITS: MovementLimits = { speedingMps: 16.7, implausibleMps: 55 }

export function judgeMovement(previous: Fix, next: Fix, limits = CITY_LIMITS): { speedMps: number; verdict: Verdict } {
  const seconds = (next.recordedAt - previous.recordedAt) / 1000
  // Fixes less than a second apart (or out of order) say nothing reliable about speed.
  if (seconds < 1) return { speedMps: 0, verdict: 'normal' }
  const speedMps = haversineMetres(previous.position, next.position) / seconds
  const verdict =
    speedMps > limits.implausibleMps ? 'implausible' : speedMps > limits.speedingMps ? 'speeding' : 'normal'
  return { speedMps, verdict }
}
