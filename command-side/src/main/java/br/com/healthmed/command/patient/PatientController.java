package br.com.healthmed.command.patient;

import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Phone;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.patient.ConfirmPatientEmailCommand;
import br.com.healthmed.api.patient.ErasePatientDataCommand;
import br.com.healthmed.api.patient.ExpirePatientRegistrationCommand;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.command.account.Account;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.IdentifierKind;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.auth.PasswordConfirmation;
import br.com.healthmed.command.ratelimit.ClientAddress;
import br.com.healthmed.command.ratelimit.RegistrationThrottle;
import br.com.healthmed.command.ratelimit.TooManyPasswordAttemptsException;
import br.com.healthmed.command.ratelimit.TooManyRegistrationsException;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import br.com.healthmed.command.security.AccessTokenIssuer;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.FieldErrors;
import br.com.healthmed.command.web.PasswordInput;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.platform.security.RevokedAccessTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.command.shared.RejectionDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

@RestController
@RequestMapping("/api/patients")
@Tag(name = "Patients")
class PatientController {

    private static final Logger log = LoggerFactory.getLogger(PatientController.class);
    private static final String PATIENT_EMAIL_TAKEN = new IdentifierTakenException(IdentifierKind.PATIENT_EMAIL).code();
    private static final String PATIENT_CPF_TAKEN = new IdentifierTakenException(IdentifierKind.PATIENT_CPF).code();

    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private final Commands commands;
    private final PasswordInput passwords;
    private final AccountRegistry accounts;
    private final PasswordConfirmation passwordConfirmation;
    private final RevokedAccessTokens revoked;
    private final AccessTokenIssuer accessTokens;
    private final RegistrationThrottle registrations;
    private final ConfirmationTokens confirmationTokens;
    private final PatientConfirmationProperties confirmation;
    private final ObjectProvider<RegistrationMail> registrationMail;
    private final Clock clock;

    PatientController(Commands commands, PasswordInput passwords, AccountRegistry accounts, PasswordConfirmation passwordConfirmation,
                      RevokedAccessTokens revoked, AccessTokenIssuer accessTokens, RegistrationThrottle registrations,
                      ConfirmationTokens confirmationTokens, PatientConfirmationProperties confirmation,
                      ObjectProvider<RegistrationMail> registrationMail, Clock clock) {
        this.commands = commands;
        this.passwords = passwords;
        this.accounts = accounts;
        this.passwordConfirmation = passwordConfirmation;
        this.revoked = revoked;
        this.accessTokens = accessTokens;
        this.registrations = registrations;
        this.confirmationTokens = confirmationTokens;
        this.confirmation = confirmation;
        this.registrationMail = registrationMail;
        this.clock = clock;
    }

    record EraseRequest(String password) {
        @Override
        public String toString() {
            return "EraseRequest[protected]";
        }
    }

    record RegisterPatientRequest(String name, String email, String cpf, String password, String phone, LocalDate birthDate) {
        @Override
        public String toString() {
            return "RegisterPatientRequest[protected]";
        }
    }

    /**
     * The one answer to every well-formed registration, whether it created an account or found its e-mail or CPF taken
     * (ADR 0033): nothing in it says which.
     */
    record RegistrationReceived(String status, String message) {
        static final RegistrationReceived ANSWER = new RegistrationReceived("confirmation-sent", """
                Se os dados puderem ser usados, enviamos um e-mail para o endereço informado. Siga as instruções dele \
                para confirmar o cadastro (ou para entrar, se você já tem conta).""");
    }

    record EmailConfirmationRequest(String token) {
        @Override
        public String toString() {
            return "EmailConfirmationRequest[protected]";
        }
    }

    record ConfirmationResendRequest(String email) {
        @Override
        public String toString() {
            return "ConfirmationResendRequest[protected]";
        }
    }

    record ConfirmationResent(String status, String message) {
        static final ConfirmationResent ANSWER = new ConfirmationResent("confirmation-sent", """
                Se houver um cadastro aguardando confirmação com este e-mail, enviamos a ele um novo código; os \
                anteriores deixam de valer.""");
    }

    @PostMapping
    @Operation(operationId = "registerPatient", summary = "Register as a patient", description = """
            Answers 202 confirmation-sent to every well-formed registration, whether the e-mail and CPF are free or \
            already registered, so the answer reveals nothing about anyone else (ADR 0033). When both are free the \
            patient is registered awaiting the confirmation of the e-mail: a mail with a single-use token goes to the \
            address (POST /api/patients/confirmation), and login answers 403 email-not-confirmed until then; \
            unconfirmed after healthmed.patients.confirmation.validity (24 h) the registration expires and releases \
            e-mail and CPF. When the e-mail or the CPF is taken, nothing is created and the owner is told by mail at \
            the owner's address. Registrations are throttled per client address (patients and doctors together): 429 \
            too-many-registrations with Retry-After.""")
    @Rejects(value = {TooManyRegistrationsException.class, PasswordHashingBusyException.class},
            sends = RegisterPatientCommand.class)
    @ApiResponse(responseCode = "202", description = "Received; follow the mail sent to the address")
    ResponseEntity<RegistrationReceived> register(@RequestBody RegisterPatientRequest request, HttpServletRequest http) {
        FieldErrors errors = new FieldErrors();
        PersonName name = errors.take(() -> new PersonName(request.name()));
        Email email = errors.take(() -> new Email(request.email()));
        Cpf cpf = errors.take(() -> new Cpf(request.cpf()));
        Phone phone = errors.optional(request.phone(), () -> new Phone(request.phone()));
        LocalDate birthDate = errors.optional(request.birthDate(), () -> checkBirthDate(request.birthDate()));
        String password = passwords.check(request.password(), errors);
        errors.throwIfAny();
        registrations.take(http);
        // Hashed on every path, taken e-mail or CPF too: the time of the answer must not tell them apart.
        PasswordHash passwordHash = passwords.hash(password);

        Optional<Account> emailOwner = holder(LoginIdentifier.patientEmail(email));
        Optional<Account> cpfOwner = holder(LoginIdentifier.patientCpf(cpf));
        if (emailOwner.isPresent()) {
            tellEmailOwner(emailOwner.get());
        } else if (cpfOwner.isPresent()) {
            mail().ifPresent(mail -> mail.cpfAlreadyRegistered(cpfOwner.get().accountId()));
        } else {
            registerNew(name, email, cpf, phone, birthDate, passwordHash);
        }
        return ResponseEntity.accepted().body(RegistrationReceived.ANSWER);
    }

    @PostMapping("/confirmation")
    @Operation(operationId = "confirmPatientEmail", summary = "Confirm a patient's e-mail", description = """
            With the token of the confirmation mail ({"token": …}); single use. Afterwards the patient logs in. An \
            unknown, used or superseded token is 400 confirmation-token-invalid; one whose registration's time passed \
            is 400 confirmation-token-expired (register again: the e-mail and CPF are free).""")
    @Rejects(value = {ConfirmationTokenInvalidException.class, ConfirmationTokenExpiredException.class},
            sends = ConfirmPatientEmailCommand.class)
    @ApiResponse(responseCode = "204", description = "Confirmed; log in next")
    ResponseEntity<Void> confirm(@RequestBody EmailConfirmationRequest request) {
        UUID patientId = confirmationTokens.consume(request.token()).orElseThrow(ConfirmationTokenInvalidException::new);
        try {
            commands.sendAs(new ConfirmPatientEmailCommand(new PatientId(patientId)), patientId, Role.PATIENT);
        } catch (AggregateNotFoundException e) {
            throw new ConfirmationTokenInvalidException();
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/confirmation/resend")
    @Operation(operationId = "resendPatientConfirmation", summary = "Send the confirmation mail again", description = """
            Answers 202 for any well-formed e-mail; a registration awaiting confirmation with it gets a new token by \
            mail (earlier ones stop working), valid until the registration expires. Throttled with the registrations \
            per client address: 429 too-many-registrations with Retry-After.""")
    @Rejects(value = TooManyRegistrationsException.class, sends = ExpirePatientRegistrationCommand.class)
    @ApiResponse(responseCode = "202", description = "Received")
    ResponseEntity<ConfirmationResent> resend(@RequestBody ConfirmationResendRequest request, HttpServletRequest http) {
        FieldErrors errors = new FieldErrors();
        Email email = errors.take(() -> new Email(request.email()));
        errors.throwIfAny();
        registrations.take(http);
        holder(LoginIdentifier.patientEmail(email)).filter(account -> !account.confirmed())
                .ifPresent(this::sendConfirmationAgain);
        return ResponseEntity.accepted().body(ConfirmationResent.ANSWER);
    }

    /**
     * The account holding a login name, unless it is an unconfirmed registration past its time: that one is expired
     * here and now, by the application's clock, without waiting for its deadline, so the name is free at once.
     */
    private Optional<Account> holder(LoginIdentifier identifier) {
        Optional<Account> account = accounts.findByIdentifier(identifier);
        if (account.isPresent() && account.get().expiredAt(clock.instant())) {
            commands.sendAsSystem(new ExpirePatientRegistrationCommand(new PatientId(account.get().accountId())));
            return accounts.findByIdentifier(identifier);
        }
        return account;
    }

    /** The e-mail is someone's: an unconfirmed owner gets the confirmation again, a confirmed one a warning. */
    private void tellEmailOwner(Account owner) {
        if (owner.confirmed()) {
            mail().ifPresent(mail -> mail.emailAlreadyRegistered(owner.accountId()));
        } else {
            sendConfirmationAgain(owner);
        }
    }

    private void sendConfirmationAgain(Account unconfirmed) {
        mail().ifPresent(mail -> mail.confirmationAgain(unconfirmed.accountId(),
                confirmationTokens.issue(unconfirmed.accountId(), Duration.between(clock.instant(), unconfirmed.unconfirmedUntil())),
                unconfirmed.unconfirmedUntil()));
    }

    private void registerNew(PersonName name, Email email, Cpf cpf, Phone phone, LocalDate birthDate, PasswordHash hash) {
        PatientId patientId = PatientId.random();
        try {
            commands.sendUnannounced(new RegisterPatientCommand(patientId, name, email, cpf, phone, birthDate, hash),
                    patientId.value(), Role.PATIENT);
        } catch (IdentifierTakenException | CommandExecutionException raced) {
            if (!claimedMeanwhile(raced)) {
                throw raced;
            }
            // Another registration claimed the e-mail or the CPF a moment ago: its owner is told, as above.
            holder(LoginIdentifier.patientEmail(email)).ifPresentOrElse(this::tellEmailOwner,
                    () -> holder(LoginIdentifier.patientCpf(cpf))
                            .ifPresent(owner -> mail().ifPresent(mail -> mail.cpfAlreadyRegistered(owner.accountId()))));
            return;
        }
        Instant expiresAt = clock.instant().plus(confirmation.validity());
        String token = confirmationTokens.issue(patientId.value(), confirmation.validity());
        mail().ifPresent(mail -> mail.confirmation(email.value(), name.value(), token, expiresAt));
    }

    /** The bus hands the handler's refusal over as it is, or wrapped with its details (ADR 0006): both mean "taken". */
    private static boolean claimedMeanwhile(RuntimeException failure) {
        if (failure instanceof IdentifierTakenException) {
            return true;
        }
        return CommandFailures.detailsOf(failure, null).map(RejectionDetails::code)
                .filter(code -> code.equals(PATIENT_EMAIL_TAKEN) || code.equals(PATIENT_CPF_TAKEN)).isPresent();
    }

    private Optional<RegistrationMail> mail() {
        RegistrationMail mail = registrationMail.getIfAvailable();
        if (mail == null) {
            log.warn("A patient registration needs a mail, but no SMTP server is configured (spring.mail.host): nothing sent");
        }
        return Optional.ofNullable(mail);
    }

    @DeleteMapping("/me")
    @Operation(operationId = "erasePatientData", summary = "Erase my personal data (LGPD)",
            description = "Asks for the current password again ({\"password\": …}), then shreds the patient's key: their"
                    + " personal data becomes unreadable everywhere; appointment facts stay. Every session of the account"
                    + " ends at once, on both sides. Wrong passwords are throttled like logins (429"
                    + " too-many-password-attempts with Retry-After).")
    @Rejects(value = {PatientNotFoundException.class, CurrentPasswordIncorrectException.class, PasswordHashingBusyException.class,
            TooManyPasswordAttemptsException.class}, sends = ErasePatientDataCommand.class,
            targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Erased")
    ResponseEntity<Void> erase(@AuthenticationPrincipal Actor actor, @RequestBody(required = false) EraseRequest request,
                               HttpServletRequest http) {
        String password = request == null ? null : request.password();
        if (password == null || password.isEmpty()) {
            throw new InvalidValueException("password-required", "password", "erasure needs the current password");
        }
        // A stolen access token alone must not be enough to destroy an account's data for good, nor to guess its
        // password: wrong answers are throttled like logins.
        passwordConfirmation.confirm("ERASURE", actor.userId(), Role.PATIENT, password, ClientAddress.of(http));
        commands.send(new ErasePatientDataCommand(new PatientId(actor.userId())));
        revoked.revokeAccount(actor.userId(), accessTokens.lifetime());
        return ResponseEntity.noContent().build();
    }

    private LocalDate checkBirthDate(LocalDate birthDate) {
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE) || !birthDate.isBefore(LocalDate.now(clock))) {
            throw new InvalidValueException("birth-date-invalid", "birthDate", "birth date must be in the past and after 1900");
        }
        return birthDate;
    }
}
