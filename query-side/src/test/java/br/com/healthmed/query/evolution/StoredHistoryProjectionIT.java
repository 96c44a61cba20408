package br.com.healthmed.query.evolution;

import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.serialization.StoredTypeSerializer;
import br.com.healthmed.query.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.testing.RecordedEventStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections replay the event store that command side 5bca2fe wrote into the views its story implies. The fixture
 * is read from the command side's test resources by relative path, as {@code EventStoreSchema} reads its migrations:
 * one recorded file for both sides (a copy could drift from what the command side replays), and a file is data, not a
 * dependency on the command side's code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = StoredHistoryProjectionIT.RecordedKeys.class)
@Import(StoredHistoryProjectionIT.CaptureTime.class)
class StoredHistoryProjectionIT {

    static final RecordedEventStore RECORDED = RecordedEventStore.read(
            Path.of("../command-side/src/test/resources/fixtures/event-store-5bca2fe.json"));

    /** The query side's own test infrastructure, with the master key the recorded personal data was sealed under. */
    static class RecordedKeys implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(EmbeddedInfrastructureInitializer.MASTER_KEY_PROPERTY + "=" + RECORDED.masterKey())
                    .applyTo(context);
            new EmbeddedInfrastructureInitializer().initialize(context);
        }
    }

    /** An hour after the capture: the recorded slots are still ahead, as they were when they were published. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CaptureTime {

        @Bean
        @Primary
        Clock anHourAfterTheCapture() {
            return Clock.fixed(RECORDED.capturedAt().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        }
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Environment environment;
    @Autowired
    Serializer generalSerializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;

    private final JsonNode story = RECORDED.story();

    @Test
    void tokens_events_and_messages_all_use_the_stored_type_names() {
        assertThat(List.of(generalSerializer, eventSerializer, messageSerializer))
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(StoredTypeSerializer.class))
                .allSatisfy(serializer -> assertThat(serializer.typeForClass(SlotPublishedEvent.class).getName())
                        .isEqualTo("healthmed.schedule.SlotPublished"));
    }

    @Test
    void the_recorded_history_projects_into_the_views_its_story_implies() {
        RECORDED.loadInto(environment.getProperty("spring.datasource.url"));

        // Four processing groups progress independently: wait until every view has its last recorded event.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(this::viewsMatchTheStory);
    }

    private void viewsMatchTheStory() {
        assertThat(count("appointments")).isEqualTo(5);
        assertThat(count("patients")).isEqualTo(3);
        assertThat(count("doctors")).isEqualTo(3);
        assertThat(count("slots")).as("125 published, one removed").isEqualTo(124);

        Document ana = byId("doctors", person("ana"));
        assertThat(ana.getString("name")).isEqualTo("Dra. Ana Lima");
        assertThat(ana.getBoolean("verified")).isTrue();
        assertThat(ana.get("priceCents", Number.class).longValue()).isEqualTo(30000L);
        assertThat(ana.getString("specialty")).isEqualTo("CARDIOLOGIA");
        assertThat(byId("doctors", person("bruno")).getBoolean("verified")).isTrue();
        assertThat(byId("doctors", person("carla")).getBoolean("verified")).isFalse();

        Map<String, String> statuses = mongo.findAll(Document.class, "appointments").stream()
                .collect(Collectors.toMap(document -> document.getString("_id"), document -> document.getString("status")));
        story.path("appointments").forEach(appointment ->
                assertThat(statuses).containsEntry(appointment.path("id").asText(), appointment.path("status").asText()));

        assertThat(slotStatus("accepted")).isEqualTo("HELD");
        assertThat(slotStatus("pendingWithAna")).isEqualTo("HELD");
        assertThat(slotStatus("pendingWithBruno")).isEqualTo("HELD");
        assertThat(slotStatus("rejected")).isEqualTo("FREE");
        assertThat(slotStatus("cancelled")).isEqualTo("FREE");
        JsonNode moved = story.path("slots").path("ana.moved");
        assertThat(byId("slots", moved.path("id").asText()).get("start", Date.class).toInstant())
                .isEqualTo(Instant.parse(moved.path("start").asText()));
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(story.path("slots").path("ana.removed").path("id").asText())),
                "slots")).isFalse();

        assertThat(byId("patients", person("priscila")).getBoolean("erased")).isTrue();
        assertThat(byId("patients", person("paula")).getBoolean("erased")).isFalse();
    }

    private long count(String collection) {
        return mongo.getCollection(collection).countDocuments();
    }

    private String person(String key) {
        return story.path("people").path(key).path("id").asText();
    }

    private Document byId(String collection, String id) {
        Document document = mongo.findById(id, Document.class, collection);
        assertThat(document).as("%s %s", collection, id).isNotNull();
        return document;
    }

    private String slotStatus(String appointment) {
        return byId("slots", story.path("appointments").path(appointment).path("slotId").asText()).getString("status");
    }
}
