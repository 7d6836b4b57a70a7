/** Child relationship names, keyed `ChildObject.LookupField` (describe `childRelationships`, SOQL subqueries). */
export const CHILD_RELATIONSHIPS: Readonly<Record<string, string>> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'OpportunityContactRole.OpportunityId': 'OpportunityContactRoles',
  'OpportunityContactRole.ContactId': 'OpportunityContactRoles',
  'Task.WhoId': 'Tasks',
  'Task.WhatId': 'Tasks',
  'Event.WhoId': 'Events',
  'Event.WhatId': 'Events',
  'EmailMessage.RelatedToId': 'Emails',
  'Account.ParentId': 'ChildAccounts',
}
