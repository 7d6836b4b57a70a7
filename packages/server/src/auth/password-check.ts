import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Whether `given` is the console password, in time that does not depend on where they differ: both are hashed
 * to the same length first, so timingSafeEqual also hides the password's length.
 */
export function passwordMatches(given: string, password: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(password))
}
