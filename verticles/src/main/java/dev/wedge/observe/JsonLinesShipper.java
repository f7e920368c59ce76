package dev.wedge.observe;

import dev.wedge.host.run.AppLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ships every app log entry as a JSON line to a file (for a log collector to pick up), then passes it on.
 * Entries come from worker threads at the end of runs, never from an event loop, so writing here is allowed.
 */
public final class JsonLinesShipper implements AppLog, AutoCloseable {

    private final AppLog next;
    private final BufferedWriter out;

    public JsonLinesShipper(Path file, AppLog next) {
        this.next = next;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + file, e);
        }
    }

    @Override
    public void line(String app, String stream, int level, String text) {
        next.line(app, stream, level, text);
    }

    @Override
    public void entry(Entry entry) {
        try {
            synchronized (out) {
                out.write(LogJson.line(entry));
                out.flush();
            }
        } catch (IOException e) {
            System.getLogger(JsonLinesShipper.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot ship a log line", e); // logging must not fail a request
        }
        next.entry(entry);
    }

    @Override
    public void close() {
        try {
            synchronized (out) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
