package io.dataflow.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.dataflow.server.config.DataflowSettings;
import io.dataflow.server.config.FilesConfiguration;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies larger than 1 MiB get 413: refused up front when Content-Length says so, and cut off while reading
 * when a chunked body grows past the limit. Uploads to {@code /files} may be as large as a file may be
 * ({@code DATAFLOW_MAX_FILE_BYTES}), with room for a multipart envelope; the upload itself checks the file's exact
 * size.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final String JSON_LIMIT = "the request body is larger than the limit of 1 MiB (1048576 bytes)";

    private final long maxUploadBytes;
    private final String uploadLimit;

    public BodySizeLimitFilter(DataflowSettings settings) {
        this.maxUploadBytes = settings.maxFileBytes() + FilesConfiguration.MULTIPART_OVERHEAD_BYTES;
        this.uploadLimit = "the file is larger than the limit of " + settings.maxFileBytes() + " bytes";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = "/files".equals(request.getRequestURI());
        long limit = upload ? maxUploadBytes : MAX_BODY_BYTES;
        String detail = upload ? uploadLimit : JSON_LIMIT;
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, detail);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit, detail), response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                tooLarge(request, response, detail);
            }
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        ProblemWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, detail);
    }

    /**
     * Thrown by the limited stream; unwound to this filter through whatever read the body. Its message is the
     * problem's detail, naming the limit.
     */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String detail) {
            super(detail);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private final String detail;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, String detail) {
            super(request);
            this.limit = limit;
            this.detail = detail;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit, detail);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private final String detail;
        private long read;

        LimitedStream(ServletInputStream delegate, long limit, String detail) {
            this.delegate = delegate;
            this.limit = limit;
            this.detail = detail;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(detail);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
