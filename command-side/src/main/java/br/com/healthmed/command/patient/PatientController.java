package br.com.healthmed.command.patient;

import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Phone;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.patient.ErasePatientDataCommand;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.command.account.AccountRegistry;
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
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

@RestController
@RequestMapping("/api/patients")
@Tag(name = "Patients")
class PatientController {

    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private final Commands commands;
    private final PasswordInput passwords;
    private final AccountRegistry accounts;
    private final PasswordConfirmation confirmation;
    private final RevokedAccessTokens revoked;
    private final AccessTokenIssuer accessTokens;
    private final RegistrationThrottle registrations;
    private final Clock clock;

    PatientController(Commands commands, PasswordInput passwords, AccountRegistry accounts, PasswordConfirmation confirmation,
                      RevokedAccessTokens revoked, AccessTokenIssuer accessTokens, RegistrationThrottle registrations,
                      Clock clock) {
        this.commands = commands;
        this.passwords = passwords;
        this.accounts = accounts;
        this.confirmation = confirmation;
        this.revoked = revoked;
        this.accessTokens = accessTokens;
        this.registrations = registrations;
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

    record PatientRegistered(UUID patientId) {
    }

    @PostMapping
    @Operation(operationId = "registerPatient", summary = "Register as a patient", description = """
            E-mail (case-insensitive) and CPF must be unused. Registrations are throttled per client address (patients \
            and doctors together): 429 too-many-registrations with Retry-After.""")
    @Rejects(value = {IdentifierTakenException.class, TooManyRegistrationsException.class, PasswordHashingBusyException.class},
            sends = RegisterPatientCommand.class)
    @ApiResponse(responseCode = "201", description = "Registered; log in next")
    ResponseEntity<PatientRegistered> register(@RequestBody RegisterPatientRequest request, HttpServletRequest http) {
        FieldErrors errors = new FieldErrors();
        PersonName name = errors.take(() -> new PersonName(request.name()));
        Email email = errors.take(() -> new Email(request.email()));
        Cpf cpf = errors.take(() -> new Cpf(request.cpf()));
        Phone phone = errors.optional(request.phone(), () -> new Phone(request.phone()));
        LocalDate birthDate = errors.optional(request.birthDate(), () -> checkBirthDate(request.birthDate()));
        String password = passwords.check(request.password(), errors);
        errors.throwIfAny();
        registrations.take(http);
        // Cheap refusals before the expensive hash; the command handler still decides a race between two registrations.
        requireUnused(LoginIdentifier.patientEmail(email));
        requireUnused(LoginIdentifier.patientCpf(cpf));

        PatientId patientId = PatientId.random();
        commands.sendAs(new RegisterPatientCommand(patientId, name, email, cpf, phone, birthDate, passwords.hash(password)),
                patientId.value(), Role.PATIENT);
        return ResponseEntity.created(URI.create("/api/patients/" + patientId)).body(new PatientRegistered(patientId.value()));
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
        confirmation.confirm("ERASURE", actor.userId(), Role.PATIENT, password, ClientAddress.of(http));
        commands.send(new ErasePatientDataCommand(new PatientId(actor.userId())));
        revoked.revokeAccount(actor.userId(), accessTokens.lifetime());
        return ResponseEntity.noContent().build();
    }

    private void requireUnused(LoginIdentifier identifier) {
        if (accounts.findByIdentifier(identifier).isPresent()) {
            throw new IdentifierTakenException(identifier.kind());
        }
    }

    private LocalDate checkBirthDate(LocalDate birthDate) {
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE) || !birthDate.isBefore(LocalDate.now(clock))) {
            throw new InvalidValueException("birth-date-invalid", "birthDate", "birth date must be in the past and after 1900");
        }
        return birthDate;
    }
}
