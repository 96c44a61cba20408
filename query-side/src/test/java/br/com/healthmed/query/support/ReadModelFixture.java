package br.com.healthmed.query.support;

import br.com.healthmed.query.agenda.BookingNotice;
import br.com.healthmed.query.doctor.DoctorProjection;
import br.com.healthmed.query.doctor.SearchAvailability;
import br.com.healthmed.query.privacy.PersonalDataReader;
import br.com.healthmed.query.privacy.PrivacyProperties;
import br.com.healthmed.testing.SharedInfrastructure;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a projection test needs without Spring: a MongoTemplate on its own database that creates each document's
 * declared indexes on first use (as the application's {@code auto-index-creation} does), a PostgreSQL database with the
 * command side's person_key, keys to seal with, and the reader that opens them. It counts the commands sent to
 * MongoDB, for tests about round trips.
 */
public final class ReadModelFixture implements AutoCloseable {

    private final Map<String, AtomicInteger> commandsSent;
    private final MongoClient client;
    private final MongoTemplate mongo;
    private final PersonKeys keys;
    private final PersonalDataReader personalData;

    private ReadModelFixture(MongoClient client, Map<String, AtomicInteger> commandsSent, String database) {
        this.commandsSent = commandsSent;
        this.client = client;
        this.mongo = indexCreatingTemplate(new SimpleMongoClientDatabaseFactory(client, database));
        String jdbcUrl = SharedInfrastructure.postgres().createUniqueDatabase("projection");
        EventStoreSchema.migrate(jdbcUrl);
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(jdbcUrl, "postgres", "postgres"));
        String masterKey = PersonKeys.randomMasterKey();
        this.keys = new PersonKeys(jdbc, masterKey);
        this.personalData = new PersonalDataReader(jdbc, new PrivacyProperties(masterKey, null, null));
    }

    private static MongoTemplate indexCreatingTemplate(SimpleMongoClientDatabaseFactory factory) {
        var conversions = new MongoCustomConversions(List.of());
        var mapping = new MongoMappingContext();
        mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        mapping.setAutoIndexCreation(true);
        mapping.afterPropertiesSet();
        var converter = new MappingMongoConverter(new DefaultDbRefResolver(factory), mapping);
        converter.setCustomConversions(conversions);
        converter.setCodecRegistryProvider(factory);
        converter.afterPropertiesSet();
        return new MongoTemplate(factory, converter);
    }

    /** On the JVM's MongoDB emulator. */
    public static ReadModelFixture onEmulator() {
        var emulator = SharedInfrastructure.mongo();
        return on(emulator.uri("admin"), emulator.uniqueDatabase("projection"));
    }

    /** On any MongoDB, for instance a real one in a container. */
    public static ReadModelFixture on(String connectionString, String database) {
        Map<String, AtomicInteger> commandsSent = new ConcurrentHashMap<>();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commandsSent.computeIfAbsent(event.getCommandName(), name -> new AtomicInteger()).incrementAndGet();
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .addCommandListener(counter)
                .build();
        return new ReadModelFixture(MongoClients.create(settings), commandsSent, database);
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    /** How many commands of this name (e.g. {@code update}, {@code delete}) were sent so far. */
    public int commandsSent(String name) {
        AtomicInteger count = commandsSent.get(name);
        return count == null ? 0 : count.get();
    }

    public PersonKeys keys() {
        return keys;
    }

    /** The booking notice of the default configuration, which the projections and the agenda rules use in tests. */
    public static final BookingNotice NOTICE = new BookingNotice(Duration.ofHours(2));
    public static final SearchAvailability SEARCH_AVAILABILITY = new SearchAvailability(Duration.ofMinutes(1));

    /** The search projection as the application configures it by default, announcing its changes to recorders. */
    public DoctorProjection doctorProjection() {
        return doctorProjection(new RecordedSearchChanges());
    }

    /** The same, announcing search changes to {@code searchChanges}. */
    public DoctorProjection doctorProjection(RecordedSearchChanges searchChanges) {
        return new DoctorProjection(mongo(), personalData(), new RecordedAgendaChanges(), NOTICE, SEARCH_AVAILABILITY,
                searchChanges);
    }

    public PersonalDataReader personalData() {
        return personalData;
    }

    @Override
    public void close() {
        client.close();
    }
}
