/**
 * The API key the user typed, kept in this browser tab's session storage only: it is gone when the tab closes, and
 * no other secret is ever stored in the browser.
 */
const KEY = 'dataflow.apiKey';

export const session = {
  key(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(key: string): void {
    sessionStorage.setItem(KEY, key);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
};
