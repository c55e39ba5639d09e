import { runService } from '@wired/kit'
import { loadConfig } from './config'
import { createService } from './service'

runService({ name: 'gaming-api', loadConfig, createService })
