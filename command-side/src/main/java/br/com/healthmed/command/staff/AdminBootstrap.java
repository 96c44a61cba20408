package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.auth.KnownSecretEnrolment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Creates the first ADMIN from configuration once the application is ready, through the same command as any staff
 * registration, and enrols its second factor with the configured TOTP secret. Idempotent across restarts: an existing
 * staff account with that e-mail keeps its password and, once enrolled, its second factor.
 */
@Component
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminProperties properties;
    private final AccountRegistry accounts;
    private final PasswordEncoder passwordEncoder;
    private final CommandGateway commandGateway;
    private final KnownSecretEnrolment secondFactor;

    AdminBootstrap(AdminProperties properties, AccountRegistry accounts, PasswordEncoder passwordEncoder,
                   CommandGateway commandGateway, KnownSecretEnrolment secondFactor) {
        this.properties = properties;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.commandGateway = commandGateway;
        this.secondFactor = secondFactor;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerFirstAdmin() {
        if (!properties.configured()) {
            return;
        }
        Email email = new Email(properties.email());
        LoginIdentifier login = LoginIdentifier.staffEmail(email);
        if (accounts.findByIdentifier(login).isPresent()) {
            log.debug("The configured administrator already exists");
            enrolSecondFactor(login);
            return;
        }
        RegisterStaffMemberCommand command = new RegisterStaffMemberCommand(StaffId.random(), Role.ADMIN,
                new PersonName(properties.name()), email, new PasswordHash(passwordEncoder.encode(properties.password())));
        MetaData metaData = MetaData.with(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                .and(AuditMetadata.ROLE, Role.ADMIN.name())
                .and(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString());
        try {
            commandGateway.sendAndWait(command, metaData);
            log.info("Registered the configured administrator");
        } catch (RuntimeException e) {
            // Another instance starting at the same moment may have claimed the e-mail first; that is success too.
            if (accounts.findByIdentifier(login).isEmpty()) {
                throw e;
            }
            log.debug("The configured administrator was registered by another instance");
        }
        enrolSecondFactor(login);
    }

    /**
     * Like the password, the configured secret is an initial one: an administrator who has a second factor keeps it.
     * One without (never enrolled, or reset) is enrolled with it at start-up, so after a reset because the secret
     * leaked, the operator replaces HEALTHMED_ADMIN_TOTP_SECRET (or removes it to enrol at the next login).
     */
    private void enrolSecondFactor(LoginIdentifier login) {
        if (properties.totpSecret() == null) {
            return;
        }
        accounts.findByIdentifier(login)
                .filter(account -> account.role() == Role.ADMIN)
                .ifPresent(account -> secondFactor.enrol(account.accountId(), account.role(), properties.totpSecret()));
    }
}
