import { z } from 'zod'

/** Where crmsync keeps links, ancestors, cursors, the inbox and the audit trail. */
export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly url: string; readonly filename: string }
  | { readonly kind: 'postgres'; readonly url: string }

export const DEFAULT_STORE_URL = 'sqlite:./crmsync.db'

export const storeSchema = z
  .string()
  .trim()
  .superRefine((url, ctx) => {
    if (url.startsWith('sqlite:')) {
      if (url.length === 'sqlite:'.length)
        ctx.addIssue({ code: 'custom', message: 'sqlite: needs a file name' })
      return
    }
    if (/^postgres(ql)?:\/\//.test(url)) {
      if (!URL.canParse(url)) ctx.addIssue({ code: 'custom', message: 'is not a valid postgres:// URL' })
      return
    }
    ctx.addIssue({
      code: 'custom',
      message: `unsupported store "${url}": use sqlite:PATH (e.g. ${DEFAULT_STORE_URL}) or postgres://user@host/db`,
    })
  })
  .transform((url): StoreConfig => {
    if (url.startsWith('sqlite:')) return { kind: 'sqlite', url, filename: url.slice('sqlite:'.length) }
    return { kind: 'postgres', url }
  })
  .prefault(DEFAULT_STORE_URL)
  .describe(`State store URL: sqlite:PATH or postgres://user@host/db. (Default: ${DEFAULT_STORE_URL})`)
