package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;
import br.com.healthmed.command.account.Account;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.InMemoryAccountRegistry;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminBootstrapTest {

    private static final String EMAIL = "Admin@HealthMed.com.br";
    private static final String PASSWORD = "correct horse battery staple";
    private static final LoginIdentifier LOGIN = LoginIdentifier.staffEmail(new Email(EMAIL));

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final PasswordEncoder passwordEncoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    private Configuration axon;

    @BeforeEach
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(StaffMember.class)
                .configureCorrelationDataProviders(c -> List.of(
                        new SimpleCorrelationDataProvider(AuditMetadata.USER_ID, AuditMetadata.ROLE, AuditMetadata.CORRELATION_ID)))
                .registerCommandHandler(c -> new StaffRegistration(c.repository(StaffMember.class), accounts, vault))
                .start();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    /** The second-factor enrolments the bootstrap asked for: account, role and secret. */
    private final List<List<Object>> enrolments = new ArrayList<>();

    private AdminBootstrap bootstrap(AdminProperties properties) {
        return new AdminBootstrap(properties, accounts, passwordEncoder, axon.commandGateway(),
                (accountId, role, secret) -> enrolments.add(List.of(accountId, role, secret)));
    }

    private List<DomainEventMessage<?>> eventsOf(UUID staffId) {
        return axon.eventStore().readEvents(staffId.toString()).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    @Test
    void the_configured_admin_is_registered_through_the_command_as_the_system() {
        bootstrap(new AdminProperties(EMAIL, PASSWORD, "Administrador", null)).registerFirstAdmin();

        Account account = accounts.findByIdentifier(LOGIN).orElseThrow();
        assertThat(account.role()).isEqualTo(Role.ADMIN);
        assertThat(passwordEncoder.matches(PASSWORD, account.passwordHash())).isTrue();
        assertThat(eventsOf(account.accountId())).singleElement().satisfies(event -> {
            assertThat(event.getPayload()).isInstanceOfSatisfying(StaffMemberRegisteredEvent.class, registered -> {
                assertThat(registered.role()).isEqualTo(Role.ADMIN);
                assertThat(vault.text(registered.email())).isEqualTo("admin@healthmed.com.br");
                assertThat(vault.text(registered.name())).isEqualTo("Administrador");
            });
            assertThat(event.getMetaData())
                    .containsEntry(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                    .containsEntry(AuditMetadata.ROLE, "ADMIN")
                    .containsKey(AuditMetadata.CORRELATION_ID);
        });
    }

    @Test
    void a_restart_registers_nobody_twice() {
        AdminProperties properties = new AdminProperties(EMAIL, PASSWORD, "Administrador", null);
        bootstrap(properties).registerFirstAdmin();
        Account first = accounts.findByIdentifier(LOGIN).orElseThrow();

        bootstrap(properties).registerFirstAdmin();

        assertThat(accounts.size()).isOne();
        assertThat(accounts.findByIdentifier(LOGIN)).contains(first);
        assertThat(eventsOf(first.accountId())).hasSize(1);
    }

    @Test
    void without_configuration_nothing_is_registered() {
        bootstrap(new AdminProperties(null, "", "Administrador", null)).registerFirstAdmin();

        assertThat(accounts.size()).isZero();
    }

    @Test
    void an_instance_that_loses_the_race_to_another_starts_normally() {
        AtomicBoolean firstLook = new AtomicBoolean(true);
        InMemoryAccountRegistry shared = accounts;
        accounts = new InMemoryAccountRegistry() {
            @Override
            public synchronized Optional<Account> findByIdentifier(LoginIdentifier identifier) {
                // The other instance registers right after this one looked and found nobody.
                if (firstLook.getAndSet(false)) {
                    shared.register(StaffId.random().value(), Role.ADMIN, new PasswordHash("other"), List.of(LOGIN));
                    return Optional.empty();
                }
                return shared.findByIdentifier(identifier);
            }

            @Override
            public synchronized void register(UUID accountId, Role role, PasswordHash passwordHash, List<LoginIdentifier> claims) {
                shared.register(accountId, role, passwordHash, claims);
            }
        };
        stopAxon();
        startAxon();

        bootstrap(new AdminProperties(EMAIL, PASSWORD, "Administrador", null)).registerFirstAdmin();

        assertThat(shared.size()).isOne();
    }

    @Test
    void an_email_without_a_password_is_a_configuration_error() {
        assertThatThrownBy(() -> new AdminProperties(EMAIL, null, "Administrador", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set together");
        assertThatThrownBy(() -> new AdminProperties(" ", PASSWORD, "Administrador", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_password_shorter_than_eight_characters_is_a_configuration_error() {
        assertThatThrownBy(() -> new AdminProperties(EMAIL, "1234567", "Administrador", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8");
    }

    @Test
    void each_start_hands_the_configured_admin_and_totp_secret_to_the_enrolment_which_keeps_an_existing_factor() {
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        AdminProperties properties = new AdminProperties(EMAIL, PASSWORD, "Administrador", secret);
        bootstrap(properties).registerFirstAdmin();
        bootstrap(properties).registerFirstAdmin();

        Account account = accounts.findByIdentifier(LOGIN).orElseThrow();
        assertThat(enrolments).containsExactly(List.of(account.accountId(), Role.ADMIN, secret),
                List.of(account.accountId(), Role.ADMIN, secret));
    }

    @Test
    void without_a_totp_secret_the_admin_enrols_at_the_first_login() {
        bootstrap(new AdminProperties(EMAIL, PASSWORD, "Administrador", " ")).registerFirstAdmin();

        assertThat(accounts.findByIdentifier(LOGIN)).isPresent();
        assertThat(enrolments).isEmpty();
    }

    @Test
    void a_totp_secret_that_is_not_base32_of_128_bits_is_a_configuration_error() {
        assertThatThrownBy(() -> new AdminProperties(EMAIL, PASSWORD, "Administrador", "JBSWY3DPEHPK3PXP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Base32");
        assertThatThrownBy(() -> new AdminProperties(EMAIL, PASSWORD, "Administrador", "jbswy3dpehpk3pxpjbswy3dpehpk3pxp"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdminProperties(null, null, "Administrador", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AdminProperties(EMAIL, PASSWORD, "Administrador", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").toString())
                .doesNotContain("JBSWY3DP");
    }

    @Test
    void the_properties_never_print_the_password() {
        assertThat(new AdminProperties(EMAIL, PASSWORD, "Administrador", null).toString()).doesNotContain(PASSWORD);
    }
}
