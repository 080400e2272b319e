package io.dataflow.server.api.accounts;

/**
 * Where the Cloudflare-shaped API lives: {@code /accounts/{account_id}/...}, and the same routes under Cloudflare's
 * own prefix {@code /client/v4}, which {@link AccountsRouteFilter} forwards to them. Everything under either prefix
 * answers in the {@link Envelope}, errors included, whether or not a route exists there.
 */
public final class AccountsPaths {

    /** The prefix of every route; controllers map paths under {@code /accounts/{account_id}}. */
    public static final String ACCOUNTS = "/accounts";
    /** Cloudflare's API prefix: {@code /client/v4/accounts/...} is {@code /accounts/...}. */
    public static final String CLIENT_V4 = "/client/v4";

    private AccountsPaths() {
    }

    /** Whether a path (without the context path; raw or decoded) belongs to this API. */
    public static boolean matches(String path) {
        return path != null && (under(path, ACCOUNTS) || under(path, CLIENT_V4));
    }

    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
