import { Link } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function NotFound() {
  return (
    <EmptyState title="Nothing here">
      <p>
        This page does not exist. <Link to="/">Back to the workflows</Link>
      </p>
    </EmptyState>
  );
}
