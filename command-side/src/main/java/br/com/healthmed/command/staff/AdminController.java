package br.com.healthmed.command.staff;

import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.FieldErrors;
import br.com.healthmed.command.web.PasswordInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/admin")
@Tag(name = "Administration")
class AdminController {

    private final Commands commands;
    private final PasswordInput passwords;

    AdminController(Commands commands, PasswordInput passwords) {
        this.commands = commands;
        this.passwords = passwords;
    }

    record CreateAuditorRequest(String name, String email, String password) {
        @Override
        public String toString() {
            return "CreateAuditorRequest[protected]";
        }
    }

    record AuditorCreated(UUID auditorId) {
    }

    @PostMapping("/doctors/{doctorId}/verification")
    @Operation(operationId = "verifyDoctor", summary = "Verify a doctor's registration", description = "Only then can the doctor publish slots and be booked.")
    @Rejects(sends = VerifyDoctorCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Verified (verifying again changes nothing)")
    ResponseEntity<Void> verifyDoctor(@PathVariable UUID doctorId) {
        commands.send(new VerifyDoctorCommand(new DoctorId(doctorId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/auditors")
    @Operation(operationId = "createAuditor", summary = "Create an AUDITOR account")
    @Rejects(value = {IdentifierTakenException.class, StaffRoleInvalidException.class}, sends = RegisterStaffMemberCommand.class)
    @ApiResponse(responseCode = "201", description = "Created")
    ResponseEntity<AuditorCreated> createAuditor(@RequestBody CreateAuditorRequest request) {
        FieldErrors errors = new FieldErrors();
        PersonName name = errors.take(() -> new PersonName(request.name()));
        Email email = errors.take(() -> new Email(request.email()));
        String password = passwords.check(request.password(), errors);
        errors.throwIfAny();

        StaffId auditorId = StaffId.random();
        commands.send(new RegisterStaffMemberCommand(auditorId, Role.AUDITOR, name, email, passwords.hash(password)));
        return ResponseEntity.created(URI.create("/api/admin/auditors/" + auditorId)).body(new AuditorCreated(auditorId.value()));
    }
}
