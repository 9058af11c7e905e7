package com.waqup.common.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body to {@code waqup.limits.max-request-size} by the bytes actually received, not only by what
 * the client declares: a declared {@code Content-Length} over the limit is refused at once (413), and a body without
 * one (chunked) is read through a counting stream that fails with {@link PayloadTooLargeException} at the first byte
 * over the limit, so nothing reads, buffers or parses more than the limit. Tomcat then swallows a bounded rest of
 * the body ({@code server.tomcat.max-swallow-size}) and closes the connection.
 */
class RequestSizeFilter extends OncePerRequestFilter {

    private final long max;
    private final JsonMapper json;

    RequestSizeFilter(WebLimitsProperties limits, JsonMapper json) {
        this.max = limits.maxRequestSize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > max) {
            response.setHeader("Connection", "close");
            FilterEnvelopes.write(json, request, response, 413, ErrorCodes.forStatus(413),
                    "The request body is larger than " + max + " bytes", Map.of("max_bytes", max));
            return;
        }
        chain.doFilter(new Bounded(request, max), response);
    }

    /** The request with its body stream counted. */
    static final class Bounded extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long max;
        private long count;

        CountingStream(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
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

        private void count(int n) throws PayloadTooLargeException {
            count += n;
            if (count > max) {
                throw new PayloadTooLargeException(max);
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
