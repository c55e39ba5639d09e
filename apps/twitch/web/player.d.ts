// Types of player.js for the benchmark (which prints the settings); the page runs the .js.
export const LIVE_SETTINGS: Readonly<Record<string, number | boolean>> & { liveSyncDurationCount: number }
export function createPlayer(video: HTMLVideoElement, handlers?: Record<string, (...args: never[]) => void>): unknown
