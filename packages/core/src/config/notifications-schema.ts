import { z } from 'zod'

import { httpUrl, secret } from './primitives.js'

/** An SMTP server URL (`smtp://user:pass@host:587`, `smtps://…:465`): it carries the password, so it is a secret. */
const smtpUrl = secret.refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), {
  message: 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465',
})

const email = z.email({ message: 'must be an e-mail address' })

/**
 * Where a connection tells its admins about suspensions and new classes of error (B-ERR-11). Every event is
 * logged whether or not this is set; the webhook and the e-mail are each optional.
 */
export const notificationsSchema = z
  .strictObject({
    webhook: z
      .strictObject({
        url: httpUrl.describe('Where each event is POSTed as JSON (https, or http for localhost).'),
        secret: secret
          .min(16, { message: 'must be at least 16 characters' })
          .describe(
            'Key of the HMAC-SHA256 signature sent in X-Crmsync-Signature, so the receiver can check the sender. Secret.',
          ),
      })
      .optional()
      .describe('A signed JSON POST per event. (Default: none)'),
    email: z
      .strictObject({
        smtpUrl: smtpUrl.describe(
          'The SMTP server, with its user and password: smtp://user:password@host:587 or smtps://…:465. Secret.',
        ),
        from: email.describe('The sender address.'),
        to: z.array(email).min(1, { message: 'list at least one recipient' }).describe('The recipients.'),
      })
      .optional()
      .describe('An e-mail per event, sent through SMTP. (Default: none)'),
  })
  .describe(
    'Notifications of suspensions entered and cleared and of new classes of error (B-ERR-11). (Default: only logged)',
  )

export type NotificationsConfig = z.output<typeof notificationsSchema>
