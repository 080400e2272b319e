import { useEffect, useRef } from 'react';

export const LEAVE_QUESTION = 'This workflow has unsaved changes. Leave without saving them?';

/**
 * Asks before unsaved changes are lost: the browser's own question when the tab is closed or reloaded, and a
 * confirmation when a link to another page of the app is followed (the app's routes live in the hash, so such
 * links are caught before the router sees them). `dirty` is read when asked, so a save just made is never asked about.
 */
export function useUnsavedGuard(dirty: boolean): { release: () => void } {
  const current = useRef(dirty);
  current.current = dirty;

  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!current.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const click = (e: MouseEvent) => {
      if (!current.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href]');
      const href = link?.getAttribute('href');
      if (!href || !href.startsWith('#/') || href === window.location.hash || link?.getAttribute('target')) return;
      if (!window.confirm(LEAVE_QUESTION)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, []);

  return {
    release: () => {
      current.current = false;
    },
  };
}
