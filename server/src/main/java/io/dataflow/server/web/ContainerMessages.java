package io.dataflow.server.web;

import org.springframework.http.HttpStatus;

/** The detail of a problem the servlet container raised, from its status and the container's message. */
final class ContainerMessages {

    private static final int MAX_LENGTH = 300;

    private ContainerMessages() {
    }

    /**
     * The container's message when it has one, else the status's reason; kept to printable ASCII, since the
     * container may quote the request it refused.
     */
    static String detail(int status, String message) {
        if (message != null && !message.isBlank()) {
            StringBuilder printable = new StringBuilder();
            message.codePoints().limit(MAX_LENGTH).forEach(c -> printable.append(c >= 0x20 && c < 0x7f
                    ? (char) c : '?'));
            return printable.toString();
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "the request failed with status " + status;
    }
}
