package io.dataflow.server.ui;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The files of the web UI: its page ({@code /} and {@code /index.html}), its icon and its built assets. They are
 * the only paths served without an API key, and only to GET and HEAD: the page holds no data, and asks the user
 * for a key before it reads any. Every other path, whatever file it might name, needs a key.
 */
public final class UiPaths {

    /** Where Vite puts the built scripts and styles, named by their content's hash. */
    public static final String ASSETS = "/assets/";

    private UiPaths() {
    }

    public static boolean matches(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return isPage(path) || path.equals("/favicon.svg") || isAsset(path);
    }

    static boolean isPage(String path) {
        return path.equals("/") || path.equals("/index.html");
    }

    static boolean isAsset(String path) {
        return path.startsWith(ASSETS) && path.length() > ASSETS.length() && !path.contains("..")
                && path.indexOf('/', ASSETS.length()) < 0;
    }
}
