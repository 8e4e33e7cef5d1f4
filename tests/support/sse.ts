// Reading a server-event stream in tests: the `message` events, parsed, until a condition holds.
import { ServerEvent } from '../../shared/events'

/** Reads `message` events until `until` holds for the list so far (or the stream ends), then cancels the stream. */
export async function readEventsUntil(
  res: Response,
  until: (events: ServerEvent[]) => boolean
): Promise<ServerEvent[]> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: ServerEvent[] = []
  let buffer = ''
  while (!until(events)) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (!block.includes('event: message')) continue
      const data = block
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6)
      events.push(ServerEvent.parse(JSON.parse(data)))
    }
  }
  await reader.cancel()
  return events
}
