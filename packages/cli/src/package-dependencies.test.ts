// Every workspace package lists the @crmsync packages its source imports: npm links workspaces by the
// dependency lists, so an unlisted one works in this checkout only because the root hoists it.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const PACKAGES = join(import.meta.dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** The @crmsync packages a package's source imports (static or dynamic, types included). */
function importedWorkspaces(dir: string): Set<string> {
  const names = new Set<string>()
  for (const file of sourceFiles(join(dir, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(@crmsync\/[a-z-]+)/g))
      names.add(match[1]!)
  }
  return names
}

describe('workspace dependencies', () => {
  const packages = readdirSync(PACKAGES).filter((name) => {
    try {
      readFileSync(join(PACKAGES, name, 'package.json'))
      return true
    } catch {
      return false
    }
  })

  it.each(packages)('packages/%s lists every @crmsync package it imports', (name) => {
    const manifest = JSON.parse(readFileSync(join(PACKAGES, name, 'package.json'), 'utf8')) as {
      name: string
      dependencies?: Record<string, string>
      devDependencies?: Record<string, string>
    }
    const listed = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ])
    const missing = [...importedWorkspaces(join(PACKAGES, name))].filter(
      (imported) => imported !== manifest.name && !listed.has(imported),
    )
    expect(missing).toEqual([])
  })
})
