import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in its address (`?status=failed&offset=20`), so that a reload, the back button and a shared
 * link show the same page. `change` sets the values given, removes those given empty, and keeps the others; it
 * replaces the history entry, so typing in a filter does not fill the history.
 */
export function useQueryState(): [URLSearchParams, (values: Record<string, string>) => void] {
  const [params, setParams] = useSearchParams();
  const change = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  return [params, change];
}
