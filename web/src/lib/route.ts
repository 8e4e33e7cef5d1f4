import { useParams } from '@solidjs/router'
import { Id } from '../../../shared/ids'

/** The route parameter as an id, or undefined when it cannot name anything (answer as for "not found"). */
export function useIdParam(name = 'id'): () => Id | undefined {
  const params = useParams<Record<string, string>>()
  return () => {
    const parsed = Id.safeParse(params[name])
    return parsed.success ? parsed.data : undefined
  }
}
