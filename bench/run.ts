/**
 * `npm run bench`: runs every bench/*.bench.ts in its own Node process (so peak memory is per benchmark),
 * one after the other. Each script prints its own table and writes JSON under bench/results/.
 * Pass names to run a subset: `npm run bench -- salesforce-sandbox`.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const scripts = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort()

if (scripts.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`)
  process.exit(2)
}

let failed = 0
for (const script of scripts) {
  console.log(`\n### ${script}`)
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, script)], {
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    failed += 1
    console.error(`${script} exited with ${String(result.status ?? result.signal)}`)
  }
}
process.exit(failed === 0 ? 0 : 1)
