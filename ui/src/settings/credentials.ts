/** A credential as the API shows it: the names of its value's fields, never the values. */
export interface Credential {
  id: string;
  name: string;
  type: string | null;
  usableBy: UsableBy;
  templates: boolean;
  fields: string[];
  createdAt: string;
  updatedAt: string;
}

export type UsableBy = 'admins' | 'organization';

export interface CredentialListing {
  credentials: Credential[];
  limit: number;
  nextCursor: string | null;
}

/** Kinds of credential the task types read, with the fields they expect (docs/api.md, Credentials and templates). */
export const KINDS: { type: string; label: string; fields: string[] }[] = [
  { type: 'openai', label: 'OpenAI (AI task types)', fields: ['api_key', 'base_url'] },
  { type: 'sql', label: 'SQL database (sql.* task types)', fields: ['url', 'user', 'password'] },
  { type: 'http', label: 'HTTP token (for {{ secrets }} in http.request)', fields: ['token'] },
];

/** One field of the value as the form edits it; `key` only keeps React's rows apart. */
export interface ValueRow {
  key: number;
  field: string;
  value: string;
}

/** What the credential form holds. */
export interface CredentialForm {
  name: string;
  type: string;
  usableBy: UsableBy;
  templates: boolean;
  rows: ValueRow[];
}

/** Whether `{{ secrets }}` templates may read a credential unless said otherwise: the API's default. */
export function defaultTemplates(usableBy: UsableBy): boolean {
  return usableBy === 'admins';
}

let nextKey = 1;

/** Empty rows for a list of field names. */
export function rowsFor(fields: string[]): ValueRow[] {
  return (fields.length > 0 ? fields : ['']).map((field) => ({ key: nextKey++, field, value: '' }));
}

/** The field names of a known kind, or null for a type the form does not know. */
export function fieldsOfKind(type: string): string[] | null {
  return KINDS.find((k) => k.type === type.trim())?.fields ?? null;
}

/**
 * The body of `POST /api/v1/credentials` (with `name`) or `PUT /api/v1/credentials/{name}` (without): the rows
 * whose field is named become the value (a row left wholly blank is dropped), and an empty type is left out.
 */
export function credentialBody(form: CredentialForm, withName: boolean): Record<string, unknown> {
  const value: Record<string, string> = {};
  for (const row of form.rows) {
    if (row.field.trim() === '' && row.value === '') continue;
    value[row.field.trim()] = row.value;
  }
  const body: Record<string, unknown> = { usableBy: form.usableBy, templates: form.templates, value };
  if (withName) body.name = form.name.trim();
  if (form.type.trim()) body.type = form.type.trim();
  return body;
}

/** Problems the form finds before asking: a row with a value but no field name, a field name given twice. */
export function rowProblems(rows: ValueRow[]): Map<number, string> {
  const problems = new Map<number, string>();
  const seen = new Set<string>();
  for (const row of rows) {
    const field = row.field.trim();
    if (field === '' && row.value !== '') problems.set(row.key, 'give the field a name');
    else if (field !== '' && seen.has(field)) problems.set(row.key, `the field ${field} is given twice`);
    seen.add(field);
  }
  return problems;
}
