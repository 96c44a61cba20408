package br.com.healthmed.query.config;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB's health by {@code ping}, which every MongoDB server answers, and so does the emulator of {@code ./run.sh}
 * and the tests. Spring Boot's own indicator sends {@code hello}, which the emulator does not know: the query side then
 * reported DOWN for its whole life there. The bean name replaces Spring Boot's indicator.
 */
@Component("mongoHealthContributor")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        Object ok = answer.get("ok");
        if (ok instanceof Number number && number.doubleValue() == 1.0) {
            builder.up();
        } else {
            builder.down().withDetail("answer", answer.toJson());
        }
    }
}
