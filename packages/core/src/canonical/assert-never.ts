/** Ends an exhaustive switch: adding a union member fails to compile until it is handled (item 10). */
export function assertNever(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`)
}
