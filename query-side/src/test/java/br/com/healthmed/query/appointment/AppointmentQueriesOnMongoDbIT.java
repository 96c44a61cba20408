package br.com.healthmed.query.appointment;

import br.com.healthmed.query.support.ReadModelFixture;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.UUID;

/** A second opinion on the emulator: the same appointment queries against a real MongoDB, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class AppointmentQueriesOnMongoDbIT extends AppointmentQueriesContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    ReadModelFixture fixture() {
        return ReadModelFixture.on(MONGO.getConnectionString(), "appointments_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
