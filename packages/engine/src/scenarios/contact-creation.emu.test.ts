import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { PROXY_VARIABLES } from './no-proxy.js'
import { createHubSpotContact, hubspotContact, soql } from './scenario-helpers.js'

for (const name of PROXY_VARIABLES) Reflect.deleteProperty(process.env, name)

describe('contact creation (B-CON-1/2)', () => {
  let pair: SandboxPair
  beforeEach(async () => {
    pair = await startSandboxPair()
    await pair.sync()
  })
  afterEach(() => pair.close())

  it('B-CON-1: an HS contact with an email gets a linked Salesforce Lead', async () => {
    const id = await createHubSpotContact(pair, {
      email: 'ann@x.com',
      firstname: 'Ann',
      lastname: 'Lee',
      company: 'Acme',
    })
    const summary = await pair.sync()
    console.log(JSON.stringify(summary))
    const leads = await soql<{ Id: string; LastName: string }>(
      pair,
      "SELECT Id, LastName FROM Lead WHERE Email = 'ann@x.com'",
    )
    expect(leads).toHaveLength(1)
    expect((await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']).toBe(leads[0]!.Id)
    await pair.resetCounters()
    const second = await pair.sync()
    console.log(JSON.stringify(second))
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })
})
