package br.com.healthmed.query.doctor;

import br.com.healthmed.query.support.ReadModelFixture;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.UUID;

/** A second opinion on the emulator: the same queries against a real MongoDB, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class DoctorQueriesOnMongoDbIT extends DoctorQueriesContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    ReadModelFixture fixture() {
        return ReadModelFixture.on(MONGO.getConnectionString(), "doctors_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
