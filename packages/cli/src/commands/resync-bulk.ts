// B-BULK-5: HubSpot's connector stops a bulk resync of a company <-> account mapping at 200,000 companies and
// stores "We couldn't sync all your updates for this mapping". crmsync pages through every linked company
// instead (an [engine] improvement the spec allows) and must say so, and must say when anything did stop it.

/** Where the reference stops a bulk resync of a company mapping (B-BULK-5). */
export const REFERENCE_BULK_RESYNC_CAP = 200_000

/** The reference's error for the companies past its cap (B-BULK-5). */
export const REFERENCE_BULK_RESYNC_ERROR = "We couldn't sync all your updates for this mapping"

/** Links read per store call while walking every linked record (a keyset walk, any number of pages). */
export const LINK_PAGE_SIZE = 1000

export interface BulkResyncReport {
  /** What was resynced, e.g. `company(ies)`. */
  readonly noun: string
  /** Distinct records selected. */
  readonly selected: number
  /** Records in the engine pages that ran. */
  readonly resynced: number
  /** Why the paging stopped early (a page ran out of API budget). (Default: it did not) */
  readonly incomplete?: string | undefined
  /** Where the reference would have stopped; only a company-mapping backfill has one. (Default: none) */
  readonly referenceCap?: number | undefined
}

/**
 * The lines a bulk resync adds to its summary: how many of the selection were resynced; past the reference's
 * cap, that crmsync went on where the reference would have stopped; and, when a limit stopped it, where and
 * what is left.
 */
export function bulkResyncLines(report: BulkResyncReport): string[] {
  const { noun, selected, resynced } = report
  const lines = [`  resynced ${resynced} of ${selected} ${noun}`]
  const cap = report.referenceCap
  if (cap !== undefined && selected > cap) {
    const went =
      resynced > cap ? `crmsync went on past it: ${resynced} resynced` : `crmsync resynced ${resynced}`
    lines.push(
      `  ${selected} ${noun} is more than the ${cap} at which HubSpot's connector stops a bulk resync of a ` +
        `company mapping with "${REFERENCE_BULK_RESYNC_ERROR}" (B-BULK-5); ${went}`,
    )
  }
  if (resynced < selected) {
    lines.push(
      `  STOPPED after ${resynced} of ${selected} ${noun}` +
        `${report.incomplete === undefined ? '' : ` (${report.incomplete})`}: the other ` +
        `${selected - resynced} were not resynced; run the command again when the limit allows`,
    )
  }
  return lines
}
