// Runs before every test file, ahead of its imports. jsforce reads the proxy variables when it is first
// imported and then sends even 127.0.0.1 through the proxy; every test talks only to local servers, so the
// variables are cleared once here rather than in each file.
for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
  Reflect.deleteProperty(process.env, name)
}
