/** Why a record is not synced now. Not errors: no error card, the record is simply not eligible. */
export const SKIP_REASONS = {
  paused: 'the integration is switched off (B-INST-7)',
  'no-email': 'not eligible: no email (B-CON-4, B-CON-5)',
  'not-in-inclusion-list':
    'not in the inclusion list; updates wait until it qualifies (B-CON-15, B-CON-19, B-CON-20)',
  'creation-disabled': 'creating HubSpot contacts from Salesforce is off (B-CON-3)',
  'link-tombstoned': 'the linked record was deleted; a later edit does not resurrect it (design.md 3.1)',
  'link-broken': 'no longer syncing until a resync re-links it (B-CON-25)',
  'merged-unlinked-until-resync':
    'the merge primary was not the linked contact; unlinked until resync (B-CON-27)',
  'hubspot-delete-not-propagated': 'a HubSpot delete leaves the Salesforce record untouched (B-CON-23)',
  'salesforce-record-linked-elsewhere':
    'every Salesforce record with this email is linked to another contact',
  'lead-converted': 'the lead was converted; its contact carries the link (B-CON-12)',
  'record-not-read': 'the record was not in the batch read (deleted meanwhile?); replanned when it changes',
  'email-created-in-batch':
    'another record with this email creates the HubSpot contact in this batch; this one links when it next changes (B-CON-8)',
  'not-linked': 'deleted before it was ever linked; nothing to do',
  'company-not-qualified':
    'no associated contact that syncs to a Salesforce Contact and is in the inclusion list: no account yet (B-CMP-5..8)',
  'not-in-company-list': 'not in the company inclusion list; updates wait until it qualifies (B-CMP-15)',
  'person-account-companies-off':
    'person accounts need creating HubSpot contacts from Salesforce switched on (B-PA-1)',
  'no-salesforce-contact':
    "not linked to a Salesforce Contact (unlinked, or a Lead, which has no account): only its company's lifecycle stage is synced (B-CON-14, B-CMP-14)",
  'deal-pipeline-not-synced':
    'the deal is in a pipeline that does not sync: it does not cross, either way, while it stays there (B-DEAL-6)',
  'record-type-not-synced':
    "the opportunity's record type is over settings.deals.maxSyncedPipelines: it does not cross (B-DEAL-3)",
} as const

export type SkipReason = keyof typeof SKIP_REASONS
