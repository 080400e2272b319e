package io.dataflow.server.links;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one path that answers without an API key: {@code /event-links/{token}}, where the token itself is the
 * credential ({@link EventLinkSigner}). Anything else under {@code /event-links}, such as a second segment, still
 * needs a key.
 */
public final class EventLinkPath {

    /** The path of the links, with their token as the one segment after it. */
    public static final String PREFIX = "/event-links/";
    /** The controller's mapping of it. */
    public static final String MAPPING = PREFIX + "{token}";

    private EventLinkPath() {
    }

    /**
     * Whether the request is for an event link. Judged on the servlet path, which the container has already decoded
     * and normalized ({@code /event-links/../workflows} is {@code /workflows} there), so no spelling of another path
     * passes for this one.
     */
    public static boolean matches(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(PREFIX) && path.length() > PREFIX.length() && path.indexOf('/', PREFIX.length()) < 0;
    }

    /** The path of the link with this token. */
    public static String of(String token) {
        return PREFIX + token;
    }
}
