import type { Client } from '@hubspot/api-client'

/**
 * One HubSpot list filter operation, as the lists API takes it (`operationType` picks which other keys it
 * needs: `value`, `values`, `includeObjectsWithNoValueSet`, ...).
 */
export interface PropertyOperation {
  readonly operationType: string
  readonly operator: string
  readonly [key: string]: unknown
}

/**
 * The filter of a DYNAMIC list that matches contacts on one property. The lists API only accepts a root OR
 * branch holding AND branches, so even a single filter needs both levels.
 * Test-only: exported through `@crmsync/hubspot/testing/list-filters`, never from the package entry point.
 */
export function propertyFilterBranch(property: string, operation: PropertyOperation) {
  return {
    filterBranchType: 'OR',
    filterBranchOperator: 'OR',
    filters: [],
    filterBranches: [
      {
        filterBranchType: 'AND',
        filterBranchOperator: 'AND',
        filterBranches: [],
        filters: [{ filterType: 'PROPERTY', property, operation }],
      },
    ],
  }
}

/** Creates a DYNAMIC contact list filtered on one property through the official client; returns its id. */
export async function createDynamicList(
  client: Client,
  name: string,
  property: string,
  operation: PropertyOperation,
): Promise<string> {
  const { list } = await client.crm.lists.listsApi.create({
    name,
    objectTypeId: '0-1',
    processingType: 'DYNAMIC',
    filterBranch: propertyFilterBranch(property, operation),
    // The client's filter types are a union of every branch and operation shape; the literal is checked
    // by the sandbox (and a live portal) instead.
  } as never)
  return list.listId
}
