import type { OwnersTable } from '../owners/index.js'

/**
 * The owners both sandboxes seed (design.md 4.3): matched reps, an SF-only user, an HS-only owner, an
 * inactive SF user whose HS owner remains, the integration user and a lead queue.
 */
export const OWNERS: OwnersTable = {
  integrationUserId: '005INTEGRATION',
  salesforce: [
    { id: '005ANN', kind: 'user', firstName: 'Ann', lastName: 'Lee', email: 'ann@acme.test', isActive: true },
    { id: '005BOB', kind: 'user', firstName: 'Bob', lastName: 'Ray', email: 'bob@acme.test', isActive: true },
    { id: '005CID', kind: 'user', firstName: 'Cid', lastName: 'Moe', email: 'cid@acme.test', isActive: true },
    {
      id: '005SFONLY',
      kind: 'user',
      firstName: 'Sal',
      lastName: 'Only',
      email: 'sal@acme.test',
      isActive: true,
    },
    {
      id: '005OLD',
      kind: 'user',
      firstName: 'Old',
      lastName: 'Timer',
      email: 'old@acme.test',
      isActive: false,
    },
    {
      id: '005INTEGRATION',
      kind: 'user',
      firstName: 'Integration',
      lastName: 'User',
      email: 'int@acme.test',
      isActive: true,
    },
    {
      id: '00GQUEUE',
      kind: 'queue',
      firstName: '',
      lastName: '',
      email: '',
      isActive: true,
      hubspotOwnerId: '90',
    },
  ],
  hubspot: [
    { id: '11', firstName: 'Ann', lastName: 'Lee', email: 'ANN@acme.test' },
    { id: '12', firstName: 'Bob', lastName: 'Ray', email: 'bob@acme.test' },
    { id: '13', firstName: 'Cid', lastName: 'Moe', email: 'cid@acme.test' },
    { id: '14', firstName: 'Hub', lastName: 'Only', email: 'hub@acme.test' },
    { id: '15', firstName: 'Old', lastName: 'Timer', email: 'old@acme.test' },
    { id: '90', firstName: 'Lead', lastName: 'Queue', email: 'queue@acme.test' },
  ],
}
