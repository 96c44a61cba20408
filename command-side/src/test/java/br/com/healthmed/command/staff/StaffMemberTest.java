package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.staff.DeactivateStaffMemberCommand;
import br.com.healthmed.api.staff.ReactivateStaffMemberCommand;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.api.staff.StaffMemberDeactivatedEvent;
import br.com.healthmed.api.staff.StaffMemberReactivatedEvent;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LastActiveAdminException;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.DomainTesting;
import br.com.healthmed.command.support.InMemoryAccountRegistry;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;

import java.util.List;
import java.util.UUID;

import static br.com.healthmed.command.support.Satisfies.eventPayloads;
import static org.assertj.core.api.Assertions.assertThat;

class StaffMemberTest {

    private static final Email EMAIL = new Email("Auditoria@HealthMed.com.br");

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    private final StaffId staffId = StaffId.random();
    private FixtureConfiguration<StaffMember> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StaffMember.class);
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(accounts);
        fixture.registerInjectableResource(DomainTesting.CLOCK);
        fixture.registerAnnotatedCommandHandler(new StaffRegistration(fixture.getRepository(), accounts, vault));
    }

    private RegisterStaffMemberCommand registration(Role role) {
        return new RegisterStaffMemberCommand(staffId, role, new PersonName("Clara Nunes"), EMAIL, new PasswordHash("$argon2id$hash"));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "AUDITOR"})
    void admins_and_auditors_are_registered_with_sealed_name_and_email(Role role) {
        fixture.givenNoPriorActivity()
                .when(registration(role))
                .expectResultMessagePayload(staffId)
                .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                        .isInstanceOfSatisfying(StaffMemberRegisteredEvent.class, event -> {
                            assertThat(event.staffId()).isEqualTo(staffId);
                            assertThat(event.role()).isEqualTo(role);
                            assertThat(vault.text(event.name())).isEqualTo("Clara Nunes");
                            assertThat(vault.text(event.email())).isEqualTo("auditoria@healthmed.com.br");
                            assertThat(event.email().subject()).isEqualTo(staffId.value());
                        })));

        assertThat(accounts.findByIdentifier(LoginIdentifier.staffEmail(EMAIL)))
                .hasValueSatisfying(account -> {
                    assertThat(account.accountId()).isEqualTo(staffId.value());
                    assertThat(account.role()).isEqualTo(role);
                });
    }

    @ParameterizedTest
    @NullSource
    @EnumSource(value = Role.class, names = {"PATIENT", "DOCTOR"})
    void any_other_role_is_rejected_before_an_account_is_created(Role role) {
        fixture.givenNoPriorActivity()
                .when(registration(role))
                .expectException(StaffRoleInvalidException.class)
                .expectNoEvents();

        assertThat(accounts.size()).isZero();
        assertThat(vault.hasKeyFor(staffId.value())).isFalse();
    }

    @Test
    void a_staff_email_already_registered_is_rejected_before_anything_is_sealed() {
        accounts.register(StaffId.random().value(), Role.ADMIN, new PasswordHash("other"),
                List.of(LoginIdentifier.staffEmail(new Email("auditoria@healthmed.com.br"))));

        fixture.givenNoPriorActivity()
                .when(registration(Role.AUDITOR))
                .expectException(IdentifierTakenException.class)
                .expectNoEvents();

        assertThat(vault.hasKeyFor(staffId.value())).isFalse();
    }

    private StaffMemberRegisteredEvent registeredAs(Role role) {
        accounts.register(staffId.value(), role, new PasswordHash("$argon2id$hash"), List.of(LoginIdentifier.staffEmail(EMAIL)));
        return new StaffMemberRegisteredEvent(staffId, role, vault.seal(staffId.value(), "Clara Nunes"),
                vault.seal(staffId.value(), EMAIL.value()));
    }

    private UUID anotherAdmin() {
        UUID admin = UUID.randomUUID();
        accounts.register(admin, Role.ADMIN, new PasswordHash("$argon2id$hash"),
                List.of(LoginIdentifier.staffEmail(new Email("outra-admin@healthmed.com.br"))));
        return admin;
    }

    private DeactivateStaffMemberCommand deactivation() {
        return new DeactivateStaffMemberCommand(staffId, Justification.of("Deixou a equipe de auditoria", "reason"));
    }

    @Test
    void an_admin_deactivates_an_auditor_with_a_sealed_reason_and_the_account_with_it() {
        UUID admin = anotherAdmin();
        fixture.given(registeredAs(Role.AUDITOR))
                .when(deactivation(), DomainTesting.actingAs(Role.ADMIN, admin))
                .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                        .isInstanceOfSatisfying(StaffMemberDeactivatedEvent.class, event -> {
                            assertThat(event.staffId()).isEqualTo(staffId);
                            assertThat(vault.text(event.reason())).isEqualTo("Deixou a equipe de auditoria");
                        })));

        assertThat(accounts.findById(staffId.value())).hasValueSatisfying(account -> assertThat(account.active()).isFalse());
    }

    @Test
    void an_admin_deactivates_another_admin_while_one_active_admin_remains() {
        UUID admin = anotherAdmin();
        fixture.given(registeredAs(Role.ADMIN))
                .when(deactivation(), DomainTesting.actingAs(Role.ADMIN, admin))
                .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                        .isInstanceOf(StaffMemberDeactivatedEvent.class)));
    }

    @Test
    void nobody_deactivates_their_own_account() {
        anotherAdmin();
        fixture.given(registeredAs(Role.ADMIN))
                .when(deactivation(), DomainTesting.actingAs(Role.ADMIN, staffId.value()))
                .expectException(StaffSelfDeactivationException.class)
                .expectNoEvents();

        assertThat(accounts.findById(staffId.value())).hasValueSatisfying(account -> assertThat(account.active()).isTrue());
    }

    @Test
    void the_last_active_admin_cannot_be_deactivated() {
        UUID admin = anotherAdmin();
        accounts.deactivate(admin, DomainTesting.NOW);
        fixture.given(registeredAs(Role.ADMIN))
                .when(deactivation(), DomainTesting.actingAs(Role.ADMIN, admin))
                .expectException(LastActiveAdminException.class)
                .expectNoEvents();

        assertThat(accounts.findById(staffId.value())).hasValueSatisfying(account -> assertThat(account.active()).isTrue());
    }

    @Test
    void deactivating_twice_applies_no_second_event_and_reactivation_lets_the_account_back_in() {
        UUID admin = anotherAdmin();
        StaffMemberRegisteredEvent registered = registeredAs(Role.AUDITOR);
        accounts.deactivate(staffId.value(), DomainTesting.NOW);
        StaffMemberDeactivatedEvent deactivated = new StaffMemberDeactivatedEvent(staffId, vault.seal(staffId.value(), "x"));
        fixture.given(registered, deactivated)
                .when(deactivation(), DomainTesting.actingAs(Role.ADMIN, admin))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        fixture.given(registered, deactivated)
                .when(new ReactivateStaffMemberCommand(staffId), DomainTesting.actingAs(Role.ADMIN, admin))
                .expectEvents(new StaffMemberReactivatedEvent(staffId));
        assertThat(accounts.findById(staffId.value())).hasValueSatisfying(account -> assertThat(account.active()).isTrue());
    }
}
