import { useState } from 'react';
import { copyText } from './clipboard';

/**
 * A secret shown for copying: read-only, selected on focus so it can be copied by hand too, with a Copy button that
 * says whether copying worked. The secret lives in the caller's state only as long as it is on screen.
 */
export function SecretField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => setCopied(await copyText(value));
  return (
    <div className="secret-field">
      <label>
        {label}
        <input readOnly value={value} spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} className="secret-value" />
      </label>
      <button type="button" onClick={copy}>
        Copy
      </button>
      <span role="status" className="hint">
        {copied === true && 'Copied to the clipboard.'}
        {copied === false && 'Could not copy: select the text and copy it.'}
      </span>
    </div>
  );
}
