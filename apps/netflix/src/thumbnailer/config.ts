import type { Env } from '@wired/runtime'
import { readStageConfig } from '../shared/stage-config'

export const loadConfig = (env: Env) => readStageConfig(env)

export type ThumbnailerConfig = ReturnType<typeof loadConfig>
