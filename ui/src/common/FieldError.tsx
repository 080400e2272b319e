/**
 * A field's own error message, tied to its control: give the control `{...invalidProps(id, message)}` and put
 * `<FieldError id={id} message={message}/>` after it, so a screen reader reads the message with the field.
 */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

export function invalidProps(id: string, message: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
