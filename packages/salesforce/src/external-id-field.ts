// `crmsync doctor --fix`: creates a missing external-id field the way an admin would in Setup, through the
// Tooling API (POST tooling/sobjects/CustomField): Text(255), External ID, Unique, case-insensitive.
import type { SalesforceHttp } from './salesforce-http.js'
import { assertApiName } from './soql.js'

/** 1 call. The field appears in describe at once; the caller forgets the cached describe. */
export async function createExternalIdField(
  http: SalesforceHttp,
  type: string,
  field: string,
): Promise<void> {
  if (!field.endsWith('__c')) throw new Error(`not a custom field name: ${field}`)
  await createCustomField(http, `${assertApiName(type)}.${assertApiName(field)}`, {
    label: field.replace(/__c$/, '').replace(/_/g, ' '),
    type: 'Text',
    length: 255,
    externalId: true,
    unique: true,
    caseSensitive: false,
  })
}

/** POST tooling/sobjects/CustomField (`fullName` as `Object.Field__c`): 1 call. */
export async function createCustomField(
  http: SalesforceHttp,
  fullName: string,
  metadata: Readonly<Record<string, unknown>>,
): Promise<void> {
  await http.send('tooling', {
    method: 'POST',
    url: '/tooling/sobjects/CustomField',
    body: { FullName: fullName, Metadata: metadata },
  })
}
