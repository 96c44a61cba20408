package br.com.healthmed.query.accountability;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.platform.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The LGPD read accountability log (query_side.personal_data_read): who was shown which patient's personal data, when,
 * through which resource and why. Written before the answer leaves, so a read that cannot be logged is not served
 * (the store failure answers 503). Append-only: this class inserts and selects, nothing else, and the table's
 * triggers refuse UPDATE, DELETE and TRUNCATE. A patient reading their own data is not someone else's read and is not
 * logged.
 */
@Component
public class PersonalDataReads {

    /** Why the reader was shown the data; stored by name. */
    public enum Purpose {
        /** An auditor or admin reviewing what happened to an appointment. */
        AUDIT,
        /** The patient's doctor organising their care (their agenda, their appointments). */
        CARE
    }

    public record Read(long id, Instant readAt, UUID readerId, Role readerRole, UUID patientId, String resource,
                       Purpose purpose) {
    }

    public record Page(List<Read> reads, boolean hasNext) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PersonalDataReads(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One row per distinct patient other than the reader, in one statement; nothing when only their own data was read. */
    public void record(Actor reader, Collection<UUID> patients, String resource, Purpose purpose) {
        List<UUID> others = patients.stream().filter(Objects::nonNull).distinct()
                .filter(patient -> !patient.equals(reader.userId())).toList();
        if (others.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(clock.instant());
        StringBuilder sql = new StringBuilder("""
                INSERT INTO query_side.personal_data_read (read_at, reader_id, reader_role, patient_id, resource, purpose)
                VALUES
                """);
        List<Object> params = new ArrayList<>();
        for (UUID patient : others) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            params.addAll(List.of(at, reader.userId(), reader.role().name(), patient, resource, purpose.name()));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** Newest first, optionally one patient's and within [from, to). */
    public Page find(UUID patientId, Instant from, Instant to, int page, int size) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, read_at, reader_id, reader_role, patient_id, resource, purpose
                FROM query_side.personal_data_read WHERE TRUE""");
        List<Object> params = new ArrayList<>();
        if (patientId != null) {
            sql.append(" AND patient_id = ?");
            params.add(patientId);
        }
        if (from != null) {
            sql.append(" AND read_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND read_at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY read_at DESC, id DESC LIMIT ? OFFSET ?");
        params.add(size + 1);
        params.add((long) page * size);
        List<Read> found = jdbc.sql(sql.toString()).params(params)
                .query((rs, row) -> new Read(rs.getLong("id"), rs.getTimestamp("read_at").toInstant(),
                        rs.getObject("reader_id", UUID.class), Role.valueOf(rs.getString("reader_role")),
                        rs.getObject("patient_id", UUID.class), rs.getString("resource"),
                        Purpose.valueOf(rs.getString("purpose"))))
                .list();
        boolean hasNext = found.size() > size;
        return new Page(hasNext ? found.subList(0, size) : found, hasNext);
    }
}
