import { useId, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatBytes, uploadFile, type FileRef } from './files';

/**
 * A file input: choosing a file uploads it at once (`POST /files`) and the field then holds the stored file's
 * reference, which is what the trigger input takes.
 */
export function FileField({
  id,
  value,
  onChange,
  onBusy,
  describedBy,
  invalid,
  required,
  disabled,
}: {
  id: string;
  value: FileRef | null;
  onChange: (ref: FileRef | null) => void;
  onBusy: (busy: boolean) => void;
  describedBy?: string;
  invalid: boolean;
  required?: boolean;
  disabled?: boolean;
}) {
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const statusId = useId();

  const choose = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    setUploading(file.name);
    onBusy(true);
    onChange(null);
    try {
      onChange(await uploadFile(file));
    } catch (e) {
      setError(e);
    } finally {
      setUploading(null);
      onBusy(false);
    }
  };

  return (
    <div className="file-field">
      <input
        id={id}
        type="file"
        disabled={disabled || uploading !== null}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(' ')}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      <p id={statusId} className="hint" role="status">
        {uploading
          ? `Uploading ${uploading}…`
          : value
            ? `Uploaded ${value.name ?? value.file_id}${value.size !== undefined ? ` (${formatBytes(value.size)})` : ''}`
            : 'No file uploaded yet'}
      </p>
      <ErrorNotice error={error} title="Could not upload the file" />
    </div>
  );
}
