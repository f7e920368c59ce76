package dev.wedge.host.proxywasm;

import dev.wedge.host.abi.ProxyStatus;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A metric a filter defined ({@code proxy_define_metric}): a counter, a gauge or a histogram. */
final class GuestMetric {

    enum Type {
        COUNTER, GAUGE, HISTOGRAM;

        static Type of(int code) {
            return switch (code) {
                case 0 -> COUNTER;
                case 1 -> GAUGE;
                case 2 -> HISTOGRAM;
                default -> throw ProxyStatus.fail(ProxyStatus.BAD_ARGUMENT, "no metric type " + code);
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int id;
    private final String app;
    private final Type type;
    private final String name;
    private final AtomicLong value = new AtomicLong();

    GuestMetric(int id, String app, Type type, String name) {
        this.id = id;
        this.app = app;
        this.type = type;
        this.name = name;
    }

    int id() {
        return id;
    }

    String app() {
        return app;
    }

    Type type() {
        return type;
    }

    String name() {
        return name;
    }

    /** A counter's total or a gauge's value; a histogram's last recorded value. */
    long value() {
        return value.get();
    }

    void add(long delta) {
        value.addAndGet(delta);
    }

    void set(long newValue) {
        value.set(newValue);
    }
}
