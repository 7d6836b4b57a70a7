import { describe, expect, it } from 'vitest'

import type { Link } from '../model/index.js'
import { worldLink } from '../testing/deal-world.js'
import { DEAL_CONTACTS_FIELD, planDealContacts } from './contact-roles.js'
import type { SalesforceContactRole } from './deal-records.js'

const dealLink = (agreed?: string | null): Link => ({
  ...worldLink('deal', 'D1', 'Opportunity', '006A'),
  fields: agreed === undefined ? {} : { [DEAL_CONTACTS_FIELD]: { ancestor: agreed } },
})
const role = (id: string, contactId: string): SalesforceContactRole => ({
  id,
  opportunityId: '006A',
  contactId,
  isPrimary: true,
  role: 'Decision Maker',
})
const CONTACT_LINKS = [
  worldLink('contact', 'C1', 'Contact', 'K1'),
  worldLink('contact', 'C2', 'Contact', 'K2'),
  worldLink('contact', 'C3', 'Lead', 'L3'),
  { ...worldLink('contact', 'C4', 'Contact', 'K4'), state: 'tombstoned' as const },
]
const kinds = (actions: readonly { kind: string }[]) => actions.map((a) => a.kind)

describe('deal contacts and contact roles (B-DEAL-13, 14)', () => {
  it('B-DEAL-13: roles for K1 and K2 become associations with C1 and C2; an unlinked role is left alone', () => {
    const actions = planDealContacts({
      link: dealLink(),
      dealContactIds: [],
      contactRoles: [role('R1', 'K1'), role('R2', 'K2'), role('R9', 'K9')],
      contactLinks: CONTACT_LINKS,
    })
    expect(actions).toEqual([
      expect.objectContaining({
        kind: 'add-association',
        dealId: 'D1',
        contactId: 'C1',
        associationTypeId: 3,
      }),
      expect.objectContaining({
        kind: 'add-association',
        dealId: 'D1',
        contactId: 'C2',
        associationTypeId: 3,
      }),
      {
        kind: 'commit',
        dealId: 'D1',
        opportunityId: '006A',
        field: DEAL_CONTACTS_FIELD,
        state: { ancestor: 'C1:K1,C2:K2' },
      },
    ])
  })

  it('B-DEAL-14: C (linked to Contact K) becomes one role; C3 (linked to a Lead) and an unlinked contact do not', () => {
    const actions = planDealContacts({
      link: dealLink(),
      dealContactIds: ['C1', 'C3', 'C8', 'C4'],
      contactRoles: [],
      contactLinks: CONTACT_LINKS,
    })
    expect(actions.filter((a) => a.kind === 'create-contact-role')).toEqual([
      expect.objectContaining({ opportunityId: '006A', contactId: 'K1', isPrimary: false, role: null }),
    ])
    expect(kinds(actions)).toEqual(['create-contact-role', 'commit'])
  })

  it('a removal on one side since the last agreement is copied, not undone by the other side', () => {
    const actions = planDealContacts({
      link: dealLink('C1:K1,C2:K2'),
      // C1 was removed from the deal in HubSpot; K2's role was deleted in Salesforce (two role rows for K1).
      dealContactIds: ['C2'],
      contactRoles: [role('R1', 'K1'), role('R1b', 'K1')],
      contactLinks: CONTACT_LINKS,
    })
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'delete-contact-role', contactRoleId: 'R1', contactId: 'K1' }),
      expect.objectContaining({ kind: 'delete-contact-role', contactRoleId: 'R1b', contactId: 'K1' }),
      expect.objectContaining({ kind: 'remove-association', dealId: 'D1', contactId: 'C2' }),
      expect.objectContaining({ kind: 'commit', state: { ancestor: null } }),
    ])
  })

  it('with no agreed set yet (a new pair) nothing is removed: both sides end with the union', () => {
    const actions = planDealContacts({
      link: dealLink(),
      dealContactIds: ['C2'],
      contactRoles: [role('R1', 'K1')],
      contactLinks: CONTACT_LINKS,
    })
    expect(kinds(actions)).toEqual(['add-association', 'create-contact-role', 'commit'])
  })

  it('in step with the agreed set: nothing to do, not even a commit', () => {
    expect(
      planDealContacts({
        link: dealLink('C1:K1'),
        dealContactIds: ['C1', 'C3'],
        contactRoles: [role('R1', 'K1'), role('R9', 'K9')],
        contactLinks: CONTACT_LINKS,
      }),
    ).toEqual([])
  })
})
