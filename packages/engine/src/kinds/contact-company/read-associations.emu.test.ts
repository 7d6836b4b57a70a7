import type { InboxRow } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCycleState, type ReadContext } from '../../engine-context.js'
import { EngineState } from '../../engine-state.js'
import { associatePrimary, createHubSpotCompany } from '../../scenarios/company-helpers.js'
import { createHubSpotContact } from '../../scenarios/scenario-helpers.js'
import { resolveSetup } from '../../setup.js'
import { SummaryBuilder } from '../../summary.js'
import { type SandboxPair, startSandboxPair } from '../../testing/sandbox-pair.js'
import { readAssociations } from './read-associations.js'

// Pass 3 reads a company's lifecycle stage only to copy a contact's stage to it (B-CMP-14): a contact with
// no stage costs no company read.

let pair: SandboxPair
let staged: string
let unstaged: string
let company: string
beforeAll(async () => {
  pair = await startSandboxPair({
    settings: { companies: { sync: true } },
    contacts: { createInSalesforceAs: 'contact' },
  })
  await pair.sync()
  company = await createHubSpotCompany(pair, { name: 'Stages Ltd' })
  staged = await createHubSpotContact(pair, { email: 'staged@stages.example', lifecyclestage: 'lead' })
  unstaged = await createHubSpotContact(pair, { email: 'unstaged@stages.example' })
  await associatePrimary(pair, staged, company)
  await associatePrimary(pair, unstaged, company)
  await pair.sync()
})
afterAll(() => pair.close())

/** A read context as a new cycle has it, over a HubSpot connector that counts the companies it reads. */
async function readContext(companiesRead: string[][]): Promise<ReadContext> {
  const deps = pair.deps
  const hubspot = deps.hubspot
  const counting: typeof hubspot = new Proxy(hubspot, {
    get(target, name, receiver) {
      if (name === 'readCompanies')
        return (request: Parameters<typeof hubspot.readCompanies>[0]) => {
          companiesRead.push([...request.ids])
          return target.readCompanies(request)
        }
      const value: unknown = Reflect.get(target, name, receiver)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
  const state = new EngineState(deps)
  return {
    deps: { ...deps, hubspot: counting },
    store: pair.store,
    setup: { ...resolveSetup(deps), mappings: await state.mappings() },
    state,
    cycle: createCycleState({ summary: new SummaryBuilder() }),
    portalId: (await deps.hubspot.identity()).portalId,
    mode: 'apply',
  }
}

const row = (recordId: string, seq: number): InboxRow => ({
  connectionId: 'scenario',
  objectKind: 'contact-company',
  side: 'hubspot',
  recordId,
  seq,
})

/** One pass-3 read of these contacts, and the company ids it asked HubSpot for. */
async function readOf(ids: readonly string[]) {
  const companiesRead: string[][] = []
  const read = await readAssociations(
    await readContext(companiesRead),
    ids.map((id, i) => row(id, i + 1)),
  )
  return { read, companiesRead }
}

describe('pass 3 reads company lifecycle stages only for contacts that have a stage (B-CMP-14)', () => {
  it('a contact with no lifecycle stage: its company is not read', async () => {
    const { read, companiesRead } = await readOf([unstaged])
    expect(read.input.contacts.map((c) => c.primaryCompanyId)).toEqual([company])
    expect(read.input.companyLifecycle.size).toBe(0)
    expect(companiesRead).toEqual([])
  })

  it('a contact with a stage: its company is read, once for both contacts', async () => {
    const { read, companiesRead } = await readOf([staged, unstaged])
    expect(read.input.contacts.map((c) => c.lifecycleStage)).toEqual(['lead', null])
    expect([...read.input.companyLifecycle.keys()]).toEqual([company])
    expect(companiesRead).toEqual([[company]])
  })
})
