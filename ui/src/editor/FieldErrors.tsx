/**
 * What is wrong with a field, under it: its `id` is what the field's `aria-describedby` names, so a screen reader
 * reads the problems with the field. Nothing is shown when there is none.
 */
export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="field-error">
      {errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}
