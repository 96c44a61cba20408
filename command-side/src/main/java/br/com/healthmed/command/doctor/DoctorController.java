package br.com.healthmed.command.doctor;

import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.ratelimit.RegistrationThrottle;
import br.com.healthmed.command.ratelimit.TooManyRegistrationsException;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.BrazilianTimeZones;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.FieldErrors;
import br.com.healthmed.command.web.PasswordInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneId;
import java.util.UUID;

@RestController
@RequestMapping("/api/doctors")
@Tag(name = "Doctors")
class DoctorController {

    private final Commands commands;
    private final PasswordInput passwords;
    private final AccountRegistry accounts;
    private final RegistrationThrottle registrations;

    DoctorController(Commands commands, PasswordInput passwords, AccountRegistry accounts, RegistrationThrottle registrations) {
        this.commands = commands;
        this.passwords = passwords;
        this.accounts = accounts;
        this.registrations = registrations;
    }

    record RegisterDoctorRequest(String name, String crm, String uf, String email, String specialty,
                                 BigDecimal consultationPrice, String timeZone, String password) {
        @Override
        public String toString() {
            return "RegisterDoctorRequest[protected]";
        }
    }

    record DoctorRegistered(UUID doctorId) {
    }

    record UpdateProfileRequest(String name, String email, String specialty, BigDecimal consultationPrice, String timeZone) {
        @Override
        public String toString() {
            return "UpdateProfileRequest[protected]";
        }
    }

    @PostMapping
    @Operation(operationId = "registerDoctor", summary = "Register as a doctor",
            description = """
                    CRM number + UF must be unused. The doctor can publish slots once an ADMIN verifies the registration. \
                    Registrations are throttled per client address (patients and doctors together): 429 \
                    too-many-registrations with Retry-After.""")
    @Rejects(value = {IdentifierTakenException.class, TooManyRegistrationsException.class, PasswordHashingBusyException.class},
            sends = RegisterDoctorCommand.class)
    @ApiResponse(responseCode = "201", description = "Registered; awaiting verification by an ADMIN")
    ResponseEntity<DoctorRegistered> register(@RequestBody RegisterDoctorRequest request, HttpServletRequest http) {
        FieldErrors errors = new FieldErrors();
        PersonName name = errors.take(() -> new PersonName(request.name()));
        Uf uf = errors.take(() -> Uf.parse(request.uf()));
        Crm crm = uf == null ? null : errors.take(() -> new Crm(request.crm(), uf));
        Email email = errors.take(() -> new Email(request.email()));
        Specialty specialty = errors.take(() -> Specialty.parse(request.specialty()));
        Money price = errors.take(() -> Money.consultationPrice(request.consultationPrice()));
        ZoneId zone = errors.take(() -> BrazilianTimeZones.parse(request.timeZone()));
        String password = passwords.check(request.password(), errors);
        errors.throwIfAny();
        registrations.take(http);
        // A cheap refusal before the expensive hash; the command handler still decides a race between two registrations.
        if (accounts.findByIdentifier(LoginIdentifier.doctorCrm(crm)).isPresent()) {
            throw new IdentifierTakenException(LoginIdentifier.doctorCrm(crm).kind());
        }

        DoctorId doctorId = DoctorId.random();
        commands.sendAs(new RegisterDoctorCommand(doctorId, name, crm, email, specialty, price, zone, passwords.hash(password)),
                doctorId.value(), Role.DOCTOR);
        return ResponseEntity.created(URI.create("/api/doctors/" + doctorId)).body(new DoctorRegistered(doctorId.value()));
    }

    @PutMapping("/me/profile")
    @Operation(operationId = "updateDoctorProfile", summary = "Edit my profile and consultation price",
            description = """
                    A new price applies to requests made after the change; existing appointments keep their price. A \
                    verified doctor who changes their name or specialty awaits verification again: not listed in search \
                    and not bookable until an ADMIN verifies them once more (appointments already made stay).""")
    @Rejects(value = DoctorRegistrationClosedException.class, sends = UpdateDoctorProfileCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Updated")
    ResponseEntity<Void> updateProfile(@AuthenticationPrincipal Actor actor, @RequestBody UpdateProfileRequest request) {
        FieldErrors errors = new FieldErrors();
        PersonName name = errors.take(() -> new PersonName(request.name()));
        Email email = errors.take(() -> new Email(request.email()));
        Specialty specialty = errors.take(() -> Specialty.parse(request.specialty()));
        Money price = errors.take(() -> Money.consultationPrice(request.consultationPrice()));
        ZoneId zone = errors.take(() -> BrazilianTimeZones.parse(request.timeZone()));
        errors.throwIfAny();

        commands.send(new UpdateDoctorProfileCommand(new DoctorId(actor.userId()), name, email, specialty, price, zone));
        return ResponseEntity.noContent().build();
    }
}
