package com.waqup.gateway.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.waqup.gateway.edge.EnvelopeWriter;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * Serves the built web app from a directory:
 * <ul>
 * <li>{@code /assets/**} (file names carry a content hash) are cached for a year, {@code immutable};</li>
 * <li>everything else ({@code index.html}, the service worker, the manifest, icons) is {@code no-cache}: the browser
 * revalidates with the {@code ETag} / {@code Last-Modified} and gets a 304 while it is unchanged, so a new release is
 * seen on the next load;</li>
 * <li>a path without a file extension that is no file (a client route such as {@code /library/42}) is answered with
 * {@code index.html}; a missing file with an extension (an old hashed asset) is a 404, never HTML in its place;</li>
 * <li>a precompressed sibling ({@code .br}, {@code .gz}, written by the build) is sent when the browser accepts it;</li>
 * <li>every answer carries the app's Content-Security-Policy, {@code nosniff} and a same-origin referrer policy.</li>
 * </ul>
 * Only regular files under the directory are served (no symbolic link out of it, no dot file, no {@code ..}).
 */
final class WebAppHandler implements WebHandler {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"), Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("mjs", "text/javascript;charset=utf-8"), Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"), Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain;charset=utf-8"),
            Map.entry("map", "application/json"));
    private static final List<String[]> ENCODINGS = List.of(new String[] { "br", ".br" }, new String[] { "gzip", ".gz" });

    private final Path root;
    private final String contentSecurityPolicy;
    private final EnvelopeWriter envelopes;

    WebAppHandler(Path root, String contentSecurityPolicy, EnvelopeWriter envelopes) {
        this.root = root.toAbsolutePath().normalize();
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        Path file = resolve(path);
        if (file == null && isClientRoute(path)) {
            file = resolve("/index.html");
        }
        if (file == null) {
            String message = Files.isRegularFile(root.resolve("index.html")) ? "Not found"
                    : "The web app is not built (./waqup up builds it)";
            return envelopes.write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", message, Map.of());
        }
        return serve(exchange, file);
    }

    private Mono<Void> serve(ServerWebExchange exchange, Path file) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return envelopes.write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", Map.of());
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        String etag = "W/\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        headers.set(HttpHeaders.CACHE_CONTROL, relative.startsWith("assets/") ? IMMUTABLE : REVALIDATE);
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.setETag(etag);
        headers.setLastModified(modified);
        headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        String type = TYPES.get(extension(relative));
        headers.setContentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type));
        if (exchange.checkNotModified(etag, modified)) {
            return response.setComplete();
        }
        Path body = file;
        String accepted = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_ENCODING);
        if (accepted != null) {
            for (String[] encoding : ENCODINGS) {
                Path compressed = file.resolveSibling(file.getFileName() + encoding[1]);
                if (accepts(accepted, encoding[0]) && Files.isRegularFile(compressed, LinkOption.NOFOLLOW_LINKS)) {
                    headers.set(HttpHeaders.CONTENT_ENCODING, encoding[0]);
                    body = compressed;
                    break;
                }
            }
        }
        try {
            headers.setContentLength(Files.size(body));
        } catch (IOException e) {
            return envelopes.write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", Map.of());
        }
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return response.setComplete();
        }
        return response.writeWith(DataBufferUtils.read(body, DefaultDataBufferFactory.sharedInstance, 16 * 1024));
    }

    /** The regular file under the root that {@code path} names, or null (dot files, links and escapes are never files). */
    Path resolve(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative = relative + "index.html";
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                return null;
            }
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        for (Path p = candidate.getParent(); p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return null;
            }
        }
        return candidate;
    }

    /** A client route: no file extension in the last segment ({@code /library/42}, {@code /create}). */
    static boolean isClientRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.indexOf('.') < 0;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether an Accept-Encoding value accepts {@code coding} (present and not {@code q=0}). */
    static boolean accepts(String acceptEncoding, String coding) {
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            if (pieces[0].trim().equalsIgnoreCase(coding)) {
                for (int i = 1; i < pieces.length; i++) {
                    String p = pieces[i].trim().replace(" ", "");
                    if (p.equals("q=0") || p.equals("q=0.0") || p.equals("q=0.00") || p.equals("q=0.000")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
