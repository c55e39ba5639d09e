/** The pipeline's stages in order: the catalogue moves a video forward only, never back. */
export const STAGES = ['uploaded', 'transcoded', 'thumbnailed', 'moderated', 'ready'] as const
export type Stage = (typeof STAGES)[number] | 'rejected'

/** Rejected ranks past ready: once refused, a late record of an earlier stage changes nothing. */
export const rankOf = (stage: Stage): number => (stage === 'rejected' ? STAGES.length : STAGES.indexOf(stage))
