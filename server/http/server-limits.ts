// Limits of the Node HTTP server itself, below Hono: how long a request may take to arrive.
/**
 * Node's own limits for the HTTP server (`serve({ serverOptions })`). A request must arrive whole, headers and body,
 * within `bodyTimeoutMs` (Node's default is 300 s, so a client sending a body slowly held a connection for five
 * minutes before its 408); Node checks for that every `checkEveryMs`.
 */
export const serverLimits = ({ bodyTimeoutMs = 15_000, checkEveryMs = 1_000 } = {}) => ({
  requestTimeout: bodyTimeoutMs,
  headersTimeout: Math.min(10_000, bodyTimeoutMs),
  connectionsCheckingInterval: checkEveryMs,
})
