package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LoginIdentifier;
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
}
