/** A status word in its colour; the word is always shown, so colour is never the only sign. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}
