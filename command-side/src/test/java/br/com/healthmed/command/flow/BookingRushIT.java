package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rush on one doctor: many patients at once for a few slots. The lock queue is kept short here so that saturation
 * really happens; every answer must still be a clear one (201, 409, or 429/503 with Retry-After), quickly, and the
 * slots end up booked exactly once each.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.commands.lock.max-queue=3",
        "healthmed.commands.lock.max-wait=PT0.5S"})
class BookingRushIT {

    private static final int SLOTS = 8;
    private static final int PATIENTS = 40;
    private static final int ATTEMPTS = 20;
    /**
     * The lock wait (0.5 s) plus the work, with room for this 2-core machine shared with other builds (measured at a
     * load average of 16: p50 0.3 s, slowest 1.3 s). Before ADR 0009 the lock wait alone could last 60 s.
     */
    private static final Duration FAST = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    record Answer(int patient, int status, String code, String retryAfter, Duration took) {
    }

    @Test
    void a_rush_on_one_doctor_gets_clear_fast_answers_and_books_each_slot_once() throws Exception {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        List<UUID> slots = IntStream.range(0, SLOTS).mapToObj(i -> scenario.publishSlot(doctor, 15, 8 + i)).toList();
        List<Person> patients = inParallel(PATIENTS, 4, i -> scenario.patient());

        Collection<Answer> answers = new ConcurrentLinkedQueue<>();
        List<Answer> finals = inParallel(PATIENTS, PATIENTS, i -> {
            String key = "rush-" + UUID.randomUUID();
            Answer answer = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long started = System.nanoTime();
                Api.Response response = api.post("/api/appointments").token(patients.get(i).accessToken())
                        .header("Idempotency-Key", key).body(Map.of("slotId", slots.get(i % SLOTS).toString())).send();
                answer = new Answer(i, response.status(), response.code(), response.header("Retry-After"),
                        Duration.ofNanos(System.nanoTime() - started));
                answers.add(answer);
                if (answer.status() != 429 && answer.status() != 503) {
                    break;
                }
                sleep(Duration.ofSeconds(Long.parseLong(answer.retryAfter())));
            }
            return answer;
        });

        long[] millis = answers.stream().mapToLong(a -> a.took().toMillis()).sorted().toArray();
        LoggerFactory.getLogger(BookingRushIT.class).info("Rush: {} answers ({} busy), p50 {} ms, p90 {} ms, slowest {} ms",
                answers.size(), answers.stream().filter(a -> a.status() == 503 || a.status() == 429).count(),
                millis[millis.length / 2], millis[millis.length * 9 / 10], millis[millis.length - 1]);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as("%s", a).isIn(201, 409, 429, 503));
        assertThat(answers).filteredOn(a -> a.status() == 429 || a.status() == 503)
                .allSatisfy(a -> {
                    assertThat(a.retryAfter()).as("%s", a).isNotBlank();
                    assertThat(a.code()).as("%s", a).isEqualTo("resource-busy");
                });
        assertThat(answers).filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.code()).as("%s", a).isIn("slot-unavailable", "concurrent-modification"));
        assertThat(finals).filteredOn(a -> a.status() == 201).hasSize(SLOTS);
        assertThat(finals).allSatisfy(a -> assertThat(a.status()).as("%s", a).isIn(201, 409));
        for (UUID slot : slots) {
            assertThat(appointmentsRequestedFor(slot)).as("appointments for slot %s", slot).hasSize(1);
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.took()).as("%s", a).isLessThan(FAST));
    }

    /** An appointment's history opens with its request: the Appointment aggregates whose first event names the slot. */
    private List<String> appointmentsRequestedFor(UUID slotId) {
        return jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         WHERE type = 'Appointment' AND sequence_number = 0 AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slotId + "%").query(String.class).list();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface Task<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> inParallel(int count, int threads, Task<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
