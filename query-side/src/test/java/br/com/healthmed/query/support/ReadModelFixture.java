package br.com.healthmed.query.support;

import br.com.healthmed.query.privacy.PersonalDataReader;
import br.com.healthmed.query.privacy.PrivacyProperties;
import br.com.healthmed.testing.SharedInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a projection test needs without Spring: a MongoTemplate on its own database, a PostgreSQL database with the
 * command side's person_key, keys to seal with, and the reader that opens them.
 */
public final class ReadModelFixture implements AutoCloseable {

    private final MongoClient client;
    private final MongoTemplate mongo;
    private final PersonKeys keys;
    private final PersonalDataReader personalData;

    private ReadModelFixture(MongoClient client, String database) {
        this.client = client;
        this.mongo = new MongoTemplate(client, database);
        String jdbcUrl = SharedInfrastructure.postgres().createUniqueDatabase("projection");
        EventStoreSchema.migrate(jdbcUrl);
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(jdbcUrl, "postgres", "postgres"));
        String masterKey = PersonKeys.randomMasterKey();
        this.keys = new PersonKeys(jdbc, masterKey);
        this.personalData = new PersonalDataReader(jdbc, new PrivacyProperties(masterKey));
    }

    /** On the JVM's MongoDB emulator. */
    public static ReadModelFixture onEmulator() {
        var emulator = SharedInfrastructure.mongo();
        return on(emulator.uri("admin"), emulator.uniqueDatabase("projection"));
    }

    /** On any MongoDB, for instance a real one in a container. */
    public static ReadModelFixture on(String connectionString, String database) {
        return new ReadModelFixture(MongoClients.create(connectionString), database);
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    public PersonKeys keys() {
        return keys;
    }

    public PersonalDataReader personalData() {
        return personalData;
    }

    @Override
    public void close() {
        client.close();
    }
}
