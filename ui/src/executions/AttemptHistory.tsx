import type { Attempt } from '../api/types';
import { StatusBadge } from '../common/StatusBadge';
import { formatDuration, formatTime } from '../common/time';
import { errorMessage } from './valueText';

/** The finished attempts of a node's run, oldest first. */
export function AttemptHistory({ attempts }: { attempts: Attempt[] }) {
  if (!attempts.length) return <p className="muted">No attempt finished yet.</p>;
  return (
    <table className="list attempts">
      <caption className="visually-hidden">Finished attempts</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col">Took</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={a.attempt}>
            <td>{a.attempt}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
            <td>{formatTime(a.startedAt)}</td>
            <td>{formatDuration(a.startedAt, a.finishedAt)}</td>
            <td className="attempt-error">{errorMessage(a.error)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
