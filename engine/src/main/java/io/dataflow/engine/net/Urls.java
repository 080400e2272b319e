package io.dataflow.engine.net;

/** URLs as they may be shown in errors and logs. */
public final class Urls {

    private Urls() {
    }

    /**
     * The URL without user info, query and fragment, any of which may hold a secret: scheme, host, port and path.
     * Works on any text, parsable as a URI or not.
     */
    public static String withoutSecrets(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1").replaceFirst("[?#].*$", "");
    }
}
