/** The longest error message a summary line shows; `crmsync errors` and `explain` show the whole of it. */
export const BRIEF_MESSAGE_LENGTH = 200

/** How many errors a summary lists before it says how many more there are. */
export const SUMMARY_ERROR_LINES = 20

/**
 * A CRM's error message cut for a summary line: HubSpot's enumeration refusals list every allowed option
 * (thousands of characters), which would bury the rest of the summary.
 */
export function briefMessage(message: string, max = BRIEF_MESSAGE_LENGTH): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}… (crmsync errors shows all of it)`
}
