package br.com.healthmed.command.notification;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;

/** Mails already delivered, by the event that caused them and their kind (ADR 0013). */
class SentNotifications {

    private final JdbcClient jdbc;

    SentNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean wasSent(String eventId, String kind) {
        return jdbc.sql("SELECT count(*) FROM notification_sent WHERE event_id = ? AND kind = ?")
                .params(eventId, kind).query(Long.class).single() > 0;
    }

    void record(String eventId, String kind, Instant at) {
        jdbc.sql("INSERT INTO notification_sent (event_id, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(eventId, kind, Timestamp.from(at)).update();
    }
}
