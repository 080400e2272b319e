import { useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { downloadFile, downloadJson, fileRefsIn, formatBytes, type FileRef } from './files';
import { SHOWN_CHARS, showValue } from './valueText';

/**
 * A value of a run (an input, an output, an error) to read: indented JSON, cut at 2,000 characters with the whole
 * as a download, and a download for each stored file it refers to (fetched with the key in a header).
 */
export function ValueView({ label, value, fileName, empty = 'none', tone }: { label: string; value: unknown; fileName: string; empty?: string; tone?: 'error' }) {
  const [error, setError] = useState<unknown>(null);
  if (value === undefined || value === null) {
    return (
      <section className="value-view" aria-label={label}>
        <h3>{label}</h3>
        <p className="muted">{empty}</p>
      </section>
    );
  }
  const shown = showValue(value);
  const files = fileRefsIn(value);
  const save = async (ref: FileRef) => {
    setError(null);
    try {
      await downloadFile(ref);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="value-view" aria-label={label}>
      <div className="value-head">
        <h3>{label}</h3>
        {shown.truncated && (
          <>
            <span className="muted">
              first {SHOWN_CHARS.toLocaleString()} of {shown.length.toLocaleString()} characters
            </span>
            <button type="button" onClick={() => downloadJson(value, fileName)} aria-label={`Download ${label.toLowerCase()}`}>
              Download
            </button>
          </>
        )}
      </div>
      <pre className={tone === 'error' ? 'value error' : 'value'} tabIndex={0} aria-label={`${label} value`}>
        {shown.text}
        {shown.truncated && '…'}
      </pre>
      {files.length > 0 && (
        <ul className="file-list" aria-label={`Files in ${label.toLowerCase()}`}>
          {files.map((f) => (
            <li key={f.file_id}>
              <span>
                {f.name ?? f.file_id}
                {f.size !== undefined && <span className="muted"> {formatBytes(f.size)}</span>}
              </span>
              <button type="button" onClick={() => void save(f)} aria-label={`Download file ${f.name ?? f.file_id}`}>
                Download file
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={error} title="Could not download the file" />
    </section>
  );
}
