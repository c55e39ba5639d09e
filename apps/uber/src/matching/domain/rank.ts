import type { EtaField, LatLon } from '../../shared/city'

export interface Candidate {
  driverId: string
  position: LatLon
  /** Straight-line distance from GEOSEARCH WITHDIST. */
  distanceMetres: number
}

export interface RankedCandidate extends Candidate {
  etaSeconds: number
}

/**
 * GEOSEARCH answers "who is near as the crow flies"; the rider cares "who gets here first".
 * Candidates already offered this ride, on another ride or holding another offer are skipped;
 * the rest are sorted by driving time along the streets (ties: the nearer one).
 */
export function rankByEta(
  candidates: Candidate[],
  etaToPickup: EtaField,
  unavailable: ReadonlySet<string>,
  maxEtaSeconds = Number.POSITIVE_INFINITY,
): RankedCandidate[] {
  return candidates
    .filter((candidate) => !unavailable.has(candidate.driverId))
    .map((candidate) => ({ ...candidate, etaSeconds: etaToPickup(candidate.position) }))
    .filter((candidate) => candidate.etaSeconds <= maxEtaSeconds)
    .sort((a, b) => a.etaSeconds - b.etaSeconds || a.distanceMetres - b.distanceMetres)
}
