/**
 * `./wired decide`: the guide's decision framework at the terminal.
 *   ./wired decide                              asks each question (Enter keeps the default)
 *   ./wired decide --client=device --pattern=event ...   answers given as flags
 *   ./wired decide --scenario=whatsapp          every edge of a scenario, with the guide's choice
 *   add --json for machine-readable output
 */
import { stdin, stdout } from 'node:process'
import { createInterface } from 'node:readline/promises'
import { fileURLToPath } from 'node:url'
import { ConfigError, run } from '@wired/runtime'
import { readLabFigures } from './lab-figures'
import { type Answers, DEFAULT_ANSWERS, parseAnswers, QUESTIONS, type QuestionId } from './questions'
import { recommend } from './recommend'
import { renderText } from './render-text'
import { SCENARIO_EDGES } from './scenario-edges'

const reportsDir = fileURLToPath(new URL('../../protocol-lab/reports', import.meta.url))

function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {}
  for (const arg of argv) {
    const match = /^--([a-zA-Z-]+)(?:=(.*))?$/.exec(arg)
    if (!match) throw new ConfigError(`decide: unexpected argument '${arg}' (flags look like --client=browser)`)
    flags[match[1]!] = match[2] ?? 'true'
  }
  return flags
}

async function ask(): Promise<Answers> {
  const prompt = createInterface({ input: stdin, output: stdout })
  const answers: Record<string, string> = {}
  try {
    for (const [id, question] of Object.entries(QUESTIONS)) {
      const options = Object.entries(question.options)
      const fallback = DEFAULT_ANSWERS[id as QuestionId]
      console.log(`\n${question.text}`)
      for (const [index, [key, text]] of options.entries())
        console.log(`  ${index + 1}. ${text}${key === fallback ? '  [default]' : ''}`)
      const reply = (await prompt.question('> ')).trim()
      const chosen = reply === '' ? undefined : (options[Number(reply) - 1]?.[0] ?? reply)
      if (chosen) answers[id] = chosen
    }
  } finally {
    prompt.close()
  }
  return parseAnswers(answers)
}

run(async () => {
  const { json, scenario, ...given } = parseFlags(process.argv.slice(2).filter((arg) => arg !== '--'))
  const lab = readLabFigures(reportsDir)
  if (scenario) {
    const edges = SCENARIO_EDGES.filter((edge) => edge.scenario === scenario)
    if (edges.length === 0)
      throw new ConfigError(
        `decide: unknown scenario '${scenario}' (one of: ${[...new Set(SCENARIO_EDGES.map((e) => e.scenario))].join(', ')})`,
      )
    for (const edge of edges) {
      const result = recommend({ ...DEFAULT_ANSWERS, ...edge.answers })
      if (json) console.log(JSON.stringify({ edge: edge.edge, expected: edge.expected, result }))
      else console.log(`\n== ${edge.edge} (the guide: ${edge.expected})\n${renderText(result, lab)}`)
    }
    return
  }
  let answers: Answers
  try {
    answers = Object.keys(given).length > 0 || !stdin.isTTY ? parseAnswers(given) : await ask()
  } catch (error) {
    throw new ConfigError(`decide: ${(error as Error).message}`)
  }
  const result = recommend(answers)
  console.log(json ? JSON.stringify({ answers, result }, null, 2) : renderText(result, lab))
})
