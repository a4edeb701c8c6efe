package io.airlock.fileserver.api;

import io.airlock.fileserver.files.FileService;
import io.airlock.fileserver.files.RequestPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Directory listings: JSON for programs ({@code Accept: application/json}), a small HTML index for people.
 */
@ApplicationScoped
public class Listings {
    private static final DateTimeFormatter HUMAN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final FileService files;

    public Listings(FileService files) {
        this.files = files;
    }

    /** One entry of a JSON listing; {@code size} and {@code lastModified} are null for directories. */
    public record EntryView(String name, String type, String path, Long size, Instant lastModified) {}

    /** A JSON listing. */
    public record ListingView(String path, List<EntryView> entries) {}

    Response render(RequestPath dir, HttpHeaders headers, boolean withBody) throws IOException {
        Optional<List<FileService.ListingEntry>> entries = files.list(dir.key());
        if (entries.isEmpty()) {
            return PlainText.response(404, "Not Found: " + dir.urlPath(), withBody);
        }
        String base = dir.urlPath();
        if (wantsJson(headers)) {
            List<EntryView> views = entries.get().stream()
                    .map(e -> new EntryView(
                            e.name(),
                            e.directory() ? "directory" : "file",
                            base + RequestPath.encodePath(e.name()) + (e.directory() ? "/" : ""),
                            e.directory() ? null : e.size(),
                            e.lastModified()))
                    .toList();
            return Response.ok(withBody ? new ListingView(base, views) : null)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        return Response.ok(withBody ? html(base, entries.get()) : null)
                .type("text/html; charset=utf-8")
                .build();
    }

    private static boolean wantsJson(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("application/json");
    }

    private static String html(String base, List<FileService.ListingEntry> entries) {
        StringBuilder sb = new StringBuilder(256 + entries.size() * 160);
        String title = "Index of " + escape(base);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(title)
                .append("</title><style>body{font-family:sans-serif;margin:2em}td{padding:0 1.5em 0 0}")
                .append("td.n{text-align:right}</style></head><body><h1>")
                .append(title)
                .append("</h1><table><tr><th>Name</th><th>Size</th><th>Last modified</th></tr>\n");
        if (!base.equals("/")) {
            sb.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (FileService.ListingEntry e : entries) {
            String href = RequestPath.encodePath(e.name()) + (e.directory() ? "/" : "");
            sb.append("<tr><td><a href=\"")
                    .append(escape(href))
                    .append("\">")
                    .append(escape(e.name() + (e.directory() ? "/" : "")))
                    .append("</a></td><td class=\"n\">")
                    .append(e.directory() ? "-" : String.valueOf(e.size()))
                    .append("</td><td>")
                    .append(e.lastModified() == null ? "" : HUMAN.format(e.lastModified()))
                    .append("</td></tr>\n");
        }
        sb.append("</table></body></html>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
