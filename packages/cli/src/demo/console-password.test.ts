import { describe, expect, it } from 'vitest'

import { demoPassword } from './console-password.js'

describe("the demo's console password", () => {
  it('is 18 random bytes in base64url, new on every run, and shown as is', () => {
    const first = demoPassword({})
    const second = demoPassword({})
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(first.shown).toBe(first.password)
    expect(second.password).not.toBe(first.password)
  })

  it('is CRMSYNC_CONSOLE_PASSWORD when set, and then never shown', () => {
    const chosen = demoPassword({ CRMSYNC_CONSOLE_PASSWORD: 'correct horse' })
    expect(chosen.password).toBe('correct horse')
    expect(chosen.shown).toBe('from CRMSYNC_CONSOLE_PASSWORD')
    expect(demoPassword({ CRMSYNC_CONSOLE_PASSWORD: '' }).password).toMatch(/^[A-Za-z0-9_-]{24}$/)
  })
})
