import { useEffect } from 'react'

/** Names the browser tab after the page, so tabs, history and screen readers say where the user is. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · crmsync`
  }, [title])
}
