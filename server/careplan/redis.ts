// With REDIS_URL set, Hocuspocus's Redis extension carries document updates and presence to the other instances.
import { Redis } from '@hocuspocus/extension-redis'

export function redisExtension(url: string) {
  const u = new URL(url)
  return new Redis({
    host: u.hostname,
    port: Number(u.port || 6379),
    options: {
      username: u.username || undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
      tls: u.protocol === 'rediss:' ? {} : undefined,
    },
  })
}
