import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll } from 'vitest'

import { createStateStore } from './create-state-store.js'
import { runStateStoreContract } from './state-store-contract.js'

const dir = mkdtempSync(join(tmpdir(), 'crmsync-store-'))
let files = 0

afterAll(() => rmSync(dir, { recursive: true, force: true }))

runStateStoreContract('sqlite in memory', () => Promise.resolve(createStateStore('sqlite::memory:')))
runStateStoreContract('sqlite file', () =>
  Promise.resolve(createStateStore(`sqlite://${join(dir, `store-${String(files++)}.db`)}`)),
)
