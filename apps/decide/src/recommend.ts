import { PROTOCOLS, type Protocol, type ProtocolId } from './protocols'
import type { Answers, QuestionId } from './questions'
import { RULES, type Rule } from './rules'

export interface Scored {
  protocol: Protocol
  score: number
  /** Why it fits (positive rules that matched). */
  for: string[]
  /** Why it fits less or not at all: when `excluded`, the first entry is the rule that ruled it out. */
  against: string[]
  excluded: boolean
}

export interface Recommendation {
  /** The best fit, and any other protocol within one point of it. */
  recommended: Scored[]
  /** Every other protocol, best first, each with what counted against it. */
  rejected: Scored[]
}

function matches(rule: Rule, answers: Answers): boolean {
  return Object.entries(rule.when).every(([question, wanted]) => {
    const given = answers[question as QuestionId]
    return Array.isArray(wanted) ? (wanted as string[]).includes(given) : wanted === given
  })
}

/** Pure: scores every protocol against the answers with the rules in rules.ts. */
export function recommend(answers: Answers, rules: Rule[] = RULES): Recommendation {
  const scored = new Map<ProtocolId, Scored>()
  for (const protocol of Object.values(PROTOCOLS))
    scored.set(protocol.id, { protocol, score: 0, for: [], against: [], excluded: false })
  for (const rule of rules) {
    if (!matches(rule, answers)) continue
    const entry = scored.get(rule.protocol)!
    const cited = `${rule.reason} (guide: ${rule.guide})`
    if (rule.weight === 'exclude') {
      entry.excluded = true
      entry.against.unshift(cited)
    } else {
      entry.score += rule.weight
      ;(rule.weight > 0 ? entry.for : entry.against).push(cited)
    }
  }
  const ranked = [...scored.values()].sort((a, b) => Number(a.excluded) - Number(b.excluded) || b.score - a.score)
  const best = ranked[0]!
  const fits = (entry: Scored) => !entry.excluded && entry.score > 0 && entry.score >= best.score - 1
  const recommended = ranked.filter(fits)
  for (const entry of ranked.filter((e) => !fits(e) && e.against.length === 0))
    entry.against.push(`nothing speaks for it here (score ${entry.score} against ${best.score})`)
  return { recommended, rejected: ranked.filter((entry) => !fits(entry)) }
}
