package br.com.healthmed.command.support;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.appointment.LifecycleProperties;
import br.com.healthmed.command.config.BookingProperties;
import br.com.healthmed.command.config.PatientRequestProperties;
import org.axonframework.messaging.MetaData;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The fixed moment and the default booking policy every domain test runs with. */
public final class DomainTesting {

    /** A Monday, 09:00 in São Paulo. */
    public static final Instant NOW = Instant.parse("2030-01-07T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final BookingProperties BOOKING = new BookingProperties(
            Duration.ofHours(2), Duration.ofMinutes(10), Duration.ofMinutes(240), Duration.ofDays(180));
    public static final LifecycleProperties LIFECYCLE = new LifecycleProperties(
            Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(2),
            List.of(Duration.ofHours(24), Duration.ofHours(2)));
    /** The defaults: at most 3 pending requests per patient. */
    public static final PatientRequestProperties PATIENT_REQUESTS = new PatientRequestProperties(3, 10, Duration.ofHours(1));

    private DomainTesting() {
    }

    public static MetaData actingAs(Role role, UUID userId) {
        return MetaData.with(AuditMetadata.USER_ID, userId.toString()).and(AuditMetadata.ROLE, role.name());
    }

    public static Instant inHours(long hours) {
        return NOW.plus(Duration.ofHours(hours));
    }
}
