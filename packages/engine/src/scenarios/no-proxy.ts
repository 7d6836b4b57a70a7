/** Names of proxy variables that jsforce would honour even for 127.0.0.1; scenario files delete them. */
export const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'ALL_PROXY',
  'all_proxy',
]
