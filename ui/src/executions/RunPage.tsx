import { EmptyState } from '../common/EmptyState';

// Replaced by the page itself in the next commits of issue 13.
export function RunPage() {
  return <EmptyState title="RunPage" />;
}
