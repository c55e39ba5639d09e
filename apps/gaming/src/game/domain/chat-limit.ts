/** README: more than 5 chat lines in 5 s gets RATE_LIMITED. A sliding window of send times. */
export const CHAT_LINES = 5
export const CHAT_WINDOW_MS = 5_000

export interface ChatLimiter {
  /** True (and counted) when one more line fits in the window at `nowMs`. */
  allow(nowMs: number): boolean
}

export function chatLimiter(lines = CHAT_LINES, windowMs = CHAT_WINDOW_MS): ChatLimiter {
  const sentAt: number[] = []
  return {
    allow(nowMs) {
      while (sentAt.length > 0 && (sentAt[0] as number) <= nowMs - windowMs) sentAt.shift()
      if (sentAt.length >= lines) return false
      sentAt.push(nowMs)
      return true
    },
  }
}
