import type { ContactAction } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { CONTACT_HANDLERS, type ContactIo } from '../kinds/contact/contact-handlers.js'
import { type ActionHandler, type ActionHandlers, storeOnly } from './action-handler.js'
import { ApplyResult } from './apply-result.js'
import { interpretStep } from './interpret.js'

// The handler table is exhaustive by type: these compile only because the lines marked @ts-expect-error are
// errors. `npm run check-types` fails if one of them stops being an error, so a kind without a handler
// cannot compile.

type Demo = { readonly kind: 'one'; readonly n: number } | { readonly kind: 'two' }
const one = storeOnly<Extract<Demo, { kind: 'one' }>, null>({ effects: () => [] })

// @ts-expect-error: kind 'two' has no handler.
const missing: ActionHandlers<Demo, null> = { one }

const { commit: _commit, ...withoutCommit } = CONTACT_HANDLERS
// @ts-expect-error: the contact table without its 'commit' handler is not a table of every contact action.
const withoutOne: ActionHandlers<ContactAction, ContactIo> = withoutCommit

describe('the action interpreter (design.md 3.4: one handler per action kind)', () => {
  it('the exhaustiveness checks above are type-level; at run time the tables hold what they name', () => {
    expect(Object.keys(missing)).toEqual(['one'])
    expect(Object.keys(withoutOne)).not.toContain('commit')
  })

  it('applies each step’s kinds in table order, each handler once with all its actions; a dry run only reports', async () => {
    const calls: string[] = []
    const handler = (name: string, step: 'salesforce' | 'hubspot'): ActionHandler<Demo, null> => ({
      step,
      apply: (actions) => {
        calls.push(`${name}:${actions.length}`)
        return Promise.resolve({ counts: [{ side: step, key: 'updated', by: actions.length }] })
      },
      report: (actions) => ({ apiCost: { [step]: actions.length } }),
      effects: () => [],
    })
    const handlers = { two: handler('two', 'hubspot'), one: handler('one', 'hubspot') } as ActionHandlers<
      Demo,
      null
    >
    const actions: Demo[] = [{ kind: 'one', n: 1 }, { kind: 'two' }, { kind: 'one', n: 2 }]
    const applied = await interpretStep(handlers, actions, 'hubspot', null, 'apply')
    expect(calls).toEqual(['two:1', 'one:2'])
    expect(new ApplyResult(applied.events).counts).toEqual([
      { side: 'hubspot', key: 'updated', by: 1 },
      { side: 'hubspot', key: 'updated', by: 2 },
    ])
    expect(await interpretStep(handlers, actions, 'salesforce', null, 'apply')).toEqual({
      events: [],
      reports: [],
    })
    calls.length = 0
    const dry = await interpretStep(handlers, actions, 'hubspot', null, 'dry-run')
    expect(calls).toEqual([])
    expect(dry).toEqual({ events: [], reports: [{ apiCost: { hubspot: 1 } }, { apiCost: { hubspot: 2 } }] })
  })

  it('every contact action kind has a handler with a step', () => {
    for (const handler of Object.values(CONTACT_HANDLERS))
      expect(['salesforce', 'hubspot', 'store']).toContain(handler.step)
    expect(Object.keys(CONTACT_HANDLERS)).toHaveLength(14)
  })
})
