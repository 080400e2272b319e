import { ApiProblem } from '../api/problem';

/** An error shown where it happened: the problem's detail and each of its entries with where it points. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  const message = problem ? problem.detail || problem.title : error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="notice notice-error">
      {title && <strong>{title}: </strong>}
      {message}
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>
              {(e.pointer || e.parameter) && <code>{e.pointer ?? e.parameter}</code>} {e.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
