package br.com.healthmed.query.rebuild;

import com.mongodb.ConnectionString;
import io.lettuce.core.RedisURI;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the query side's stores are, read from the same environment variables and with the same defaults as
 * application.yml, so the drill's tools and the query side they start agree on every address.
 */
public record Stores(String jdbcUrl, String databaseUser, String databasePassword, String mongoUri,
                     String redisHost, int redisPort, int redisDatabase, String redisUser, String redisPassword) {

    public static Stores fromEnvironment(Map<String, String> environment) {
        return new Stores(
                environment.getOrDefault("DATABASE_URL", "jdbc:postgresql://localhost:5432/healthmed"),
                environment.getOrDefault("DATABASE_USERNAME", "healthmed"),
                environment.getOrDefault("DATABASE_PASSWORD", ""),
                environment.getOrDefault("MONGODB_URI", "mongodb://localhost:27017/healthmed"),
                environment.getOrDefault("REDIS_HOST", "localhost"),
                Integer.parseInt(environment.getOrDefault("REDIS_PORT", "6379")),
                Integer.parseInt(environment.getOrDefault("SPRING_DATA_REDIS_DATABASE", "0")),
                // The query side's own Redis user where the server has ACL users (ADR 0025); none: the default user.
                environment.getOrDefault("SPRING_DATA_REDIS_USERNAME", ""),
                environment.getOrDefault("REDIS_PASSWORD", ""));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, databaseUser, databasePassword);
    }

    String mongoDatabase() {
        String database = new ConnectionString(mongoUri).getDatabase();
        if (database == null) {
            throw new IllegalArgumentException("MONGODB_URI names no database: " + mongoUri);
        }
        return database;
    }

    RedisURI redisUri() {
        RedisURI.Builder uri = RedisURI.builder().withHost(redisHost).withPort(redisPort).withDatabase(redisDatabase);
        if (!redisUser.isEmpty()) {
            uri.withAuthentication(redisUser, redisPassword);
        } else if (!redisPassword.isEmpty()) {
            uri.withPassword(redisPassword.toCharArray());
        }
        return uri.build();
    }

    /** The same addresses as Spring properties, given on the command line so that they win over application.yml. */
    Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", databaseUser);
        properties.put("spring.datasource.password", databasePassword);
        properties.put("spring.data.mongodb.uri", mongoUri);
        properties.put("spring.data.redis.host", redisHost);
        properties.put("spring.data.redis.port", Integer.toString(redisPort));
        properties.put("spring.data.redis.database", Integer.toString(redisDatabase));
        if (!redisUser.isEmpty()) {
            properties.put("spring.data.redis.username", redisUser);
        }
        properties.put("spring.data.redis.password", redisPassword);
        return properties;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + jdbcUrl + ", MongoDB database " + mongoDatabase() + ", Redis " + redisHost + ":" + redisPort
                + "/" + redisDatabase;
    }
}
