import { runService } from '@wired/kit'
import { loadConfig } from './config'
import { createService } from './service'

runService({ name: 'google-docs-collab', loadConfig, createService })
