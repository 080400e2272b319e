import type { SummaryLine } from './problems';

/** The problems that stopped a save, in one alert; a problem on a node selects that node when clicked. */
export function ProblemSummary({ title, lines, onShowNode }: { title: string; lines: SummaryLine[]; onShowNode: (id: string) => void }) {
  if (lines.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error problem-summary nokey">
      <strong>{title}</strong>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>
            {line.node ? (
              <button type="button" className="link" onClick={() => onShowNode(line.node!)}>
                {line.text}
              </button>
            ) : (
              line.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
