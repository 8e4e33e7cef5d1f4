import { NotFound } from './ui/NotFound'

export default function NotFoundPage() {
  return (
    <NotFound
      title="Page not found"
      explanation="There's no page at this address. It may have moved, or the link may be incomplete."
    />
  )
}
