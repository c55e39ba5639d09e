import { runService } from '@wired/kit'
import { loadConfig } from './config'
import { createService } from './service'

runService({ name: 'twitch-ingest', loadConfig, createService })
