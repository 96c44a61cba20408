package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.mfa.DisableSecondFactorCommand;
import br.com.healthmed.api.mfa.EnrolSecondFactorCommand;
import br.com.healthmed.api.mfa.ResetSecondFactorCommand;
import br.com.healthmed.api.mfa.SecondFactorDisabledEvent;
import br.com.healthmed.api.mfa.SecondFactorEnrolledEvent;
import br.com.healthmed.api.mfa.SecondFactorId;
import br.com.healthmed.api.mfa.SecondFactorResetEvent;
import br.com.healthmed.command.support.DomainTesting;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static br.com.healthmed.command.support.Satisfies.eventPayloads;
import static org.assertj.core.api.Assertions.assertThat;

class SecondFactorTest {

    private static final String REASON = "Perdeu o celular com o autenticador.";

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final CredentialRows rows = new CredentialRows();
    private final UUID accountId = UUID.randomUUID();
    private final SecondFactorId id = new SecondFactorId(accountId);
    private FixtureConfiguration<SecondFactor> fixture;

    /** The credential rows the handlers change in their transaction, kept in memory. */
    static final class CredentialRows extends SecondFactorStore {
        final Set<UUID> pending = new HashSet<>();
        final Set<UUID> confirmed = new HashSet<>();

        CredentialRows() {
            super(null);
        }

        @Override
        public boolean confirm(UUID accountId, Instant at) {
            if (!pending.remove(accountId)) {
                return false;
            }
            confirmed.add(accountId);
            return true;
        }

        @Override
        public void remove(UUID accountId) {
            pending.remove(accountId);
            confirmed.remove(accountId);
        }
    }

    @BeforeEach
    void setUp() {
        fixture = fixture(false);
    }

    private FixtureConfiguration<SecondFactor> fixture(boolean requiredForDoctors) {
        FixtureConfiguration<SecondFactor> configured = new AggregateTestFixture<>(SecondFactor.class);
        configured.registerInjectableResource(vault);
        configured.registerInjectableResource(rows);
        configured.registerInjectableResource(DomainTesting.CLOCK);
        configured.registerInjectableResource(new MfaProperties(requiredForDoctors, Duration.ofMinutes(5),
                Duration.ofMinutes(15), 5, 10, "Health&Med"));
        return configured;
    }

    private static Map<String, String> by(UUID userId, Role role) {
        return Map.of(AuditMetadata.USER_ID, userId.toString(), AuditMetadata.ROLE, role.name());
    }

    @Test
    void a_pending_enrolment_confirmed_by_its_first_code_enrols_the_account() {
        rows.pending.add(accountId);

        fixture.givenNoPriorActivity()
                .when(new EnrolSecondFactorCommand(id, Role.AUDITOR))
                .expectEvents(new SecondFactorEnrolledEvent(id, Role.AUDITOR));

        assertThat(rows.confirmed).containsExactly(accountId);
    }

    @Test
    void an_enrolment_without_a_pending_secret_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new EnrolSecondFactorCommand(id, Role.DOCTOR))
                .expectException(MfaNotEnrolledException.class)
                .expectNoEvents();
    }

    @Test
    void an_enrolled_account_cannot_enrol_again_over_its_factor() {
        rows.pending.add(accountId);

        fixture.given(new SecondFactorEnrolledEvent(id, Role.DOCTOR))
                .when(new EnrolSecondFactorCommand(id, Role.DOCTOR))
                .expectException(MfaAlreadyEnrolledException.class)
                .expectNoEvents();
    }

    @Test
    void a_doctor_who_opted_in_may_switch_the_factor_off_and_enrol_again_later() {
        rows.confirmed.add(accountId);

        fixture.given(new SecondFactorEnrolledEvent(id, Role.DOCTOR))
                .when(new DisableSecondFactorCommand(id))
                .expectEvents(new SecondFactorDisabledEvent(id));
        assertThat(rows.confirmed).isEmpty();

        rows.pending.add(accountId);
        fixture = fixture(false);
        fixture.given(new SecondFactorEnrolledEvent(id, Role.DOCTOR), new SecondFactorDisabledEvent(id))
                .when(new EnrolSecondFactorCommand(id, Role.DOCTOR))
                .expectEvents(new SecondFactorEnrolledEvent(id, Role.DOCTOR));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "AUDITOR"})
    void admins_and_auditors_cannot_switch_their_factor_off(Role role) {
        rows.confirmed.add(accountId);

        fixture.given(new SecondFactorEnrolledEvent(id, role))
                .when(new DisableSecondFactorCommand(id))
                .expectException(MfaMandatoryException.class)
                .expectNoEvents();
        assertThat(rows.confirmed).containsExactly(accountId);
    }

    @Test
    void with_the_switch_on_doctors_cannot_switch_their_factor_off() {
        fixture = fixture(true);

        fixture.given(new SecondFactorEnrolledEvent(id, Role.DOCTOR))
                .when(new DisableSecondFactorCommand(id))
                .expectException(MfaMandatoryException.class);
    }

    @Test
    void disabling_a_factor_already_off_is_refused() {
        fixture.given(new SecondFactorEnrolledEvent(id, Role.PATIENT), new SecondFactorDisabledEvent(id))
                .when(new DisableSecondFactorCommand(id))
                .expectException(MfaNotEnrolledException.class);
    }

    @Test
    void an_admin_resets_another_accounts_factor_with_a_sealed_reason() {
        UUID admin = UUID.randomUUID();
        rows.confirmed.add(accountId);

        fixture.given(new SecondFactorEnrolledEvent(id, Role.AUDITOR))
                .when(new ResetSecondFactorCommand(id, Justification.of(REASON, "reason")), by(admin, Role.ADMIN))
                .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                        .isInstanceOfSatisfying(SecondFactorResetEvent.class, event -> {
                            assertThat(event.secondFactorId()).isEqualTo(id);
                            assertThat(event.reason().subject()).isEqualTo(accountId);
                            assertThat(vault.text(event.reason())).isEqualTo(REASON);
                        })));
        assertThat(rows.confirmed).isEmpty();
    }

    @Test
    void an_admin_cannot_reset_their_own_factor() {
        fixture.given(new SecondFactorEnrolledEvent(id, Role.ADMIN))
                .when(new ResetSecondFactorCommand(id, Justification.of(REASON, "reason")), by(accountId, Role.ADMIN))
                .expectException(MfaSelfResetException.class)
                .expectNoEvents();
    }

    @Test
    void resetting_a_factor_already_off_is_refused() {
        fixture.given(new SecondFactorEnrolledEvent(id, Role.DOCTOR), new SecondFactorResetEvent(id, vault.seal(accountId, REASON)))
                .when(new ResetSecondFactorCommand(id, Justification.of(REASON, "reason")), by(UUID.randomUUID(), Role.ADMIN))
                .expectException(MfaNotEnrolledException.class);
    }
}
