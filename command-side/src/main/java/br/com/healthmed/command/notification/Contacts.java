package br.com.healthmed.command.notification;

import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * Whom to write to, kept by the notifications processor from the registration events, in its own transaction. Name and
 * e-mail stay sealed and are opened through the vault only to send: an erased person's data cannot be opened, so they
 * get no mail.
 */
class Contacts {

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    Contacts(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    record Contact(String name, String email, ZoneId zone) {
        @Override
        public String toString() {
            return "Contact[protected]";
        }
    }

    void remember(UUID person, Sealed name, Sealed email, String timeZone) {
        jdbc.sql("""
                        INSERT INTO notification_contact (person_id, name, email, time_zone) VALUES (?, ?, ?, ?)
                        ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                                                              time_zone = excluded.time_zone""")
                .params(person, name.value(), email.value(), timeZone).update();
    }

    void forget(UUID person) {
        jdbc.sql("DELETE FROM notification_contact WHERE person_id = ?").param(person).update();
    }

    /** Empty when unknown or erased. */
    Optional<Contact> of(UUID person) {
        return jdbc.sql("SELECT name, email, time_zone FROM notification_contact WHERE person_id = ?").param(person)
                .query((row, n) -> new String[] {row.getString(1), row.getString(2), row.getString(3)})
                .optional()
                .flatMap(row -> vault.open(Sealed.of(row[0])).flatMap(name -> vault.open(Sealed.of(row[1]))
                        .map(email -> new Contact(name, email, row[2] == null ? ZoneId.of("America/Sao_Paulo") : ZoneId.of(row[2])))));
    }
}
