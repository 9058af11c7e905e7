package com.waqup.common.observability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Gauges whose value costs a round trip (a count in PostgreSQL, a queue's depth from RabbitMQ): they are read on a
 * schedule of their own, never on a Prometheus scrape, so a slow database or broker can never slow down or fail the
 * scrape. A value that could not be read is NaN (Prometheus shows it as such; no alert fires on a NaN), never a
 * stale number presented as current.
 */
class BacklogGauges implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private record Reading(String what, Supplier<Double> source, AtomicReference<Double> value) {
    }

    private final MeterRegistry meters;
    private final Duration interval;
    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;

    BacklogGauges(MeterRegistry meters, Duration interval) {
        this.meters = meters;
        this.interval = interval;
    }

    /** Registers the gauge now (NaN until first read) and reads {@code source} on every refresh. */
    void register(String name, Tags tags, String description, String baseUnit, Supplier<Double> source) {
        AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
        Gauge.builder(name, value, AtomicReference::get).tags(tags).description(description).baseUnit(baseUnit)
                .strongReference(true).register(meters);
        readings.add(new Reading(name + tags, source, value));
    }

    void refresh() {
        for (Reading r : readings) {
            try {
                Double v = r.source().get();
                r.value().set(v == null ? Double.NaN : v);
            } catch (RuntimeException e) {
                r.value().set(Double.NaN);
                log.debug("{} not read: {}", r.what(), e.toString());
            }
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "waqup-backlog-gauges");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
