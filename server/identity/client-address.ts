import { isIP } from 'node:net'

/**
 * The address rate limits and the audit trail attribute a request to. Directly exposed, the socket's peer. With
 * `trustProxy` (TRUST_PROXY=true: only ever behind our own proxy), the right-most X-Forwarded-For entry, which that
 * proxy added; everything left of it came from the client and may be forged. Not an IP address: the peer again.
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  config: { trustProxy: boolean }
): string | null {
  if (!config.trustProxy) return peer
  // Repeated headers arrive joined with commas, so the last entry is the one the nearest hop added.
  const forwarded = forwardedFor?.split(',').at(-1)?.trim()
  // Stored in an inet column: anything else (a port, a zone id) would fail the insert, so it counts as absent.
  return forwarded && isIP(forwarded) && !forwarded.includes('%') ? forwarded : peer
}
