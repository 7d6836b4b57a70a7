import { expect, it } from 'vitest'

import { type ContractContext, makeLink } from './contract-context.js'

export function describeMigrationsContract(ctx: ContractContext): void {
  it('applies the numbered migrations once; running them again changes nothing and keeps the data', async () => {
    const store = await ctx.fresh()
    expect(await store.migrate()).toEqual([
      '0001-initial',
      '0002-connection-states',
      '0003-api-limit-readings',
      '0004-activity-items',
      '0005-identity-setup',
    ])
    await store.upsertLinks([makeLink()])
    expect(await store.migrate()).toEqual([])
    expect(await store.getLink('conn-a', 'contact', 'hubspot', '101')).toEqual(makeLink())
  })
}
