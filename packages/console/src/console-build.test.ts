import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { buildConsole, consoleDistDir } from './index.js'

const outDir = await mkdtemp(join(tmpdir(), 'crmsync-console-'))
afterAll(() => rm(outDir, { recursive: true, force: true }))

describe('console build', () => {
  it('builds index.html that loads hashed assets from the site root, where the server serves them', async () => {
    await buildConsole(outDir)
    const html = await readFile(join(outDir, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/src="([^"]+\.js)"/g)].map((match) => match[1])
    expect(scripts).toHaveLength(1)
    expect(scripts[0]).toMatch(/^\/assets\/index-[\w-]{8}\.js$/)
    expect(html).toMatch(/href="\/assets\/index-[\w-]{8}\.css"/)
    const assets = await readdir(join(outDir, 'assets'))
    expect(assets).toContain(scripts[0]?.slice('/assets/'.length))
  }, 60_000)

  it('names the package dist as the directory the server serves', () => {
    expect(consoleDistDir()).toMatch(/[\\/]packages[\\/]console[\\/]dist$/)
  })
})
