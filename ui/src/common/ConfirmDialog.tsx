import { useState, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { ModalDialog } from './ModalDialog';

/**
 * Asks before an action that cannot be undone. The action runs on confirm; while it runs both buttons wait, and a
 * refusal is shown in the dialog (which stays open) rather than lost.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <ModalDialog title={title} onClose={onClose}>
      <div>{children}</div>
      <ErrorNotice error={error} />
      <div className="modal-actions">
        <button type="button" onClick={onClose} disabled={busy} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
