package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Races that must leave exactly one winner, whatever the timing. */
@IntegrationTest
class ConcurrencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Scenario scenario;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
        admin = scenario.adminToken();
    }

    @Test
    void fifty_simultaneous_requests_for_one_slot_give_one_appointment() throws Exception {
        Person doctor = scenario.verifiedDoctor(admin);
        UUID slotId = scenario.publishSlot(doctor, 12, 10);
        // Registering is deliberately slow (Argon2id); only the booking itself needs to race.
        List<Person> patients = inParallel(50, 4, i -> scenario.patient());

        List<Api.Response> responses = inParallel(50, i -> scenario.request(patients.get(i), slotId));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49)
                .allSatisfy(r -> assertThat(r.code()).isIn("slot-unavailable", "concurrent-modification"));
        Integer appointmentsForSlot = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE payload_type = 'healthmed.appointment.AppointmentRequested' AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slotId + "%").query(Integer.class).single();
        assertThat(appointmentsForSlot).isEqualTo(1);
    }

    @Test
    void twenty_simultaneous_registrations_with_one_email_let_exactly_one_through() throws Exception {
        String email = TestData.uniqueEmail("race");
        List<Api.Response> responses = inParallel(20,
                i -> api.post("/api/patients").body(TestData.patient(email.toUpperCase(), TestData.cpf())).send());
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("email-already-registered"));
    }

    @Test
    void twenty_simultaneous_registrations_with_one_cpf_let_exactly_one_through() throws Exception {
        String cpf = TestData.cpf();
        List<Api.Response> responses = inParallel(20, i -> api.post("/api/patients")
                .body(TestData.patient(TestData.uniqueEmail("cpfrace"), i % 2 == 0 ? cpf : cpf.replaceAll("[.-]", ""))).send());
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("cpf-already-registered"));
    }

    @Test
    void accept_racing_cancel_leaves_one_consistent_outcome() throws Exception {
        Person doctor = scenario.verifiedDoctor(admin);
        for (int round = 0; round < 5; round++) {
            Person patient = scenario.patient();
            UUID slotId = scenario.publishSlot(doctor, 13, 8 + round);
            UUID appointmentId = scenario.requested(patient, slotId);

            List<Api.Response> outcomes = inParallel(2, i -> i == 0
                    ? api.post("/api/appointments/" + appointmentId + "/accept").token(doctor.accessToken()).send()
                    : api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                    .body(Map.of("justification", "Mudança de planos, preciso cancelar.")).send());

            Api.Response accept = outcomes.get(0);
            Api.Response cancel = outcomes.get(1);
            assertThat(cancel.status()).as("a patient may cancel REQUESTED and ACCEPTED alike").isEqualTo(200);
            assertThat(accept.status()).isIn(200, 409);
            List<String> lifecycle = jdbc.sql("""
                            SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")
                    .param(appointmentId.toString()).query(String.class).list();
            assertThat(lifecycle.getLast()).isEqualTo("healthmed.appointment.AppointmentCancelled");
            assertThat(lifecycle).hasSize(accept.status() == 200 ? 3 : 2);
            assertThat(scenario.request(scenario.patient(), slotId).status()).as("slot freed exactly once").isEqualTo(201);
        }
    }

    private static <T> List<T> inParallel(int count, Function<Integer, T> task) throws Exception {
        return inParallel(count, count, task);
    }

    private static <T> List<T> inParallel(int count, int threads, Function<Integer, T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i : IntStream.range(0, count).toArray()) {
                Callable<T> call = () -> {
                    start.await();
                    return task.apply(i);
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
