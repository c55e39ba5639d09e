/**
 * The questions the tool asks about one edge of a design (one arrow in the diagram), after the
 * guide's "Key Decision Factors": who talks, in which pattern, how fast and how often, what may
 * be lost, who else listens, and what the client can and cannot do.
 */
export const QUESTIONS = {
  client: {
    text: 'Who is on the calling side of this edge?',
    options: {
      browser: 'a web page in a browser',
      'mobile-app': 'a mobile or desktop app you ship',
      'game-client': 'a real-time game client you ship (you own both ends and every byte)',
      service: 'one of your backend services',
      device: 'an IoT device or sensor',
      encoder: 'a video encoder (OBS, ffmpeg) pushing a live feed',
    },
  },
  pattern: {
    text: 'What does the edge carry?',
    options: {
      'request-response': 'requests, each answered (read a page, place an order)',
      'server-push': 'updates from the server only; the client just listens',
      bidirectional: 'messages both ways on one long-lived connection',
      event: 'facts the sender publishes without waiting for who processes them',
      'media-stream': 'continuous audio/video',
    },
  },
  latency: {
    text: 'How fast must a message arrive?',
    options: {
      relaxed: 'a second is fine',
      interactive: 'well under 100 ms (a person is watching)',
      tight: 'a few ms, every tick (a game frame, a trade)',
    },
  },
  rate: {
    text: 'How often does one client send or receive?',
    options: {
      rare: 'now and then (under once a minute)',
      moderate: 'up to a few per second',
      high: 'more than 10 per second',
    },
  },
  delivery: {
    text: 'What may be lost?',
    options: {
      'best-effort': 'a lost message is fine: the next one replaces it',
      reliable: 'every message arrives, in order, while both sides are up',
      durable: 'nothing acknowledged is lost, even across crashes; it can be replayed later',
    },
  },
  fanout: {
    text: 'Who receives each message?',
    options: {
      one: 'one receiver',
      many: 'many receivers or several independent consumers',
    },
  },
  crossReplica: {
    text: 'Is this edge between replicas of one tier (route to whichever replica holds the socket)?',
    options: { yes: 'yes', no: 'no' },
  },
  socketsBlocked: {
    text: 'Can the client be somewhere long-lived sockets are cut (corporate proxies, old networks)?',
    options: { yes: 'yes', no: 'no' },
  },
  constrained: {
    text: 'Is the client on a battery, a flaky network or tiny hardware?',
    options: { yes: 'yes', no: 'no' },
  },
  payload: {
    text: 'How big is a message?',
    options: { small: 'small (under a few KiB)', large: 'large: files, images, media' },
  },
  cacheable: {
    text: 'Should HTTP caches and CDNs serve repeated reads?',
    options: { yes: 'yes', no: 'no' },
  },
  composite: {
    text: 'Does one screen need many related entities in one round trip, shaped by the client?',
    options: { yes: 'yes', no: 'no' },
  },
} as const

export type QuestionId = keyof typeof QUESTIONS
export type Answers = { [Q in QuestionId]: keyof (typeof QUESTIONS)[Q]['options'] }

/** What a reader who skips a question is assumed to mean: the plainest case. */
export const DEFAULT_ANSWERS: Answers = {
  client: 'browser',
  pattern: 'request-response',
  latency: 'relaxed',
  rate: 'rare',
  delivery: 'reliable',
  fanout: 'one',
  crossReplica: 'no',
  socketsBlocked: 'no',
  constrained: 'no',
  payload: 'small',
  cacheable: 'no',
  composite: 'no',
}

/** Checks answers from a person or a URL: an unknown question or option is named. */
export function parseAnswers(input: Record<string, string | undefined>): Answers {
  const answers: Record<string, string> = { ...DEFAULT_ANSWERS }
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    const question = QUESTIONS[key as QuestionId]
    if (!question) throw new Error(`unknown question '${key}' (one of: ${Object.keys(QUESTIONS).join(', ')})`)
    if (!(value in question.options))
      throw new Error(`${key}: '${value}' is not an option (one of: ${Object.keys(question.options).join(', ')})`)
    answers[key] = value
  }
  return answers as Answers
}
