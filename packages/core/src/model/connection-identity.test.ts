import { describe, expect, it } from 'vitest'

import { compareConnectionIdentity } from './connection-identity.js'

const stored = { connectionId: 'c', salesforceOrgId: '00D1', hubspotPortalId: '42' }

describe('compareConnectionIdentity', () => {
  it('is new when nothing was stored, unchanged when both ids match', () => {
    expect(compareConnectionIdentity(undefined, stored)).toEqual({ kind: 'new' })
    expect(compareConnectionIdentity(stored, { ...stored })).toEqual({ kind: 'unchanged' })
  })

  it('names each id that changed (a full-copy sandbox keeps record ids but not the org id)', () => {
    expect(compareConnectionIdentity(stored, { ...stored, hubspotPortalId: '43' })).toEqual({
      kind: 'changed',
      fields: ['hubspotPortalId'],
    })
    expect(
      compareConnectionIdentity(stored, { ...stored, salesforceOrgId: '00D2', hubspotPortalId: '43' }),
    ).toEqual({
      kind: 'changed',
      fields: ['salesforceOrgId', 'hubspotPortalId'],
    })
  })
})
