import { Link } from 'react-router'

import { usePageTitle } from '../components/use-page-title'

export function NotFoundPage() {
  usePageTitle('Page not found')
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  )
}
