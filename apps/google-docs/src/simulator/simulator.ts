import { randomBytes } from 'node:crypto'
import { type Logger, seededRandom } from '@wired/runtime'
import { charLength } from '../shared/text-op'
import { createDocument, type Session, share, signIn } from './clients/rest'
import { WsEditor } from './clients/ws-editor'

export interface SimulatorOptions {
  apiUrl: string
  /** Bots connect to these in turn, so both replicas have editors of the demo document. */
  collabUrls: string[]
  bots: number
  /** Each bot types one word this often (0: create the document and share it, type nothing). */
  typeEveryMs: number
  /** The demo owner's password; made up per run when unset. */
  password?: string
  logger: Logger
}

const WORDS = [
  'operational',
  'transform',
  'revision',
  'ack',
  'lease',
  'fence',
  'kafka',
  'snapshot',
  'cursor',
  '✍️',
  '🚀',
  'naïve',
  'café',
]

/**
 * Machine traffic for the demo: a `demo` owner with a document shared with a few bot editors,
 * who keep typing words at random places (and sometimes deleting one) over WebSocket, spread
 * over both replicas. A person signs in as `demo` and edits alongside them. Progress every 10 s.
 */
export async function startSimulator(options: SimulatorOptions) {
  const { logger } = options
  const password = options.password ?? randomBytes(6).toString('base64url')
  const handle = 'demo'
  const title = 'Welcome to Wired Docs'
  const owner = await signIn(options.apiUrl, handle, password)
  const docId = await createDocument(options.apiUrl, owner, title)
  const bots: Session[] = []
  for (let i = 1; i <= options.bots; i += 1) {
    const bot = await signIn(options.apiUrl, `bot${i}_${randomBytes(3).toString('hex')}`, password)
    await share(options.apiUrl, owner, docId, bot.handle, 'editor')
    bots.push(bot)
  }
  const editors = await Promise.all(
    bots.map((bot, i) =>
      WsEditor.open(
        [...options.collabUrls.slice(i % options.collabUrls.length), ...options.collabUrls],
        bot.token,
        docId,
      ),
    ),
  )
  const random = seededRandom(Date.now() % 2 ** 31)
  let typed = 0
  const timers = editors.map((editor) =>
    options.typeEveryMs > 0
      ? setInterval(
          () => {
            const length = charLength(editor.text)
            // Keep the demo document readable: past 600 characters the bots trim instead of type.
            if (length > 600 || (length > 40 && random() < 0.15))
              editor.edit([Math.floor(random() * (length - 12)), { d: 10 }])
            else editor.edit([Math.floor(random() * (length + 1)), `${WORDS[Math.floor(random() * WORDS.length)]} `])
            editor.cursor(Math.min(charLength(editor.text), Math.floor(random() * length)))
            typed += 1
          },
          options.typeEveryMs + Math.floor(random() * 400),
        )
      : undefined,
  )
  const progress = setInterval(() => {
    const revision = Math.max(...editors.map((e) => e.revision))
    logger.info(
      { docId, bots: editors.length, edits: typed, revision, replicas: editors.map((e) => e.replica) },
      'simulator progress',
    )
  }, 10_000)
  progress.unref()
  return {
    handle,
    password,
    title,
    docId,
    async stop() {
      clearInterval(progress)
      for (const timer of timers) if (timer) clearInterval(timer)
      for (const editor of editors) editor.close()
    },
  }
}
