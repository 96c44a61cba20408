package br.com.healthmed.command.staff;

import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LastActiveAdminException;
import br.com.healthmed.command.auth.Sessions;
import br.com.healthmed.command.doctor.DoctorAlreadyVerifiedException;
import br.com.healthmed.command.doctor.DoctorNotVerifiedException;
import br.com.healthmed.command.doctor.DoctorRegistrationClosedException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DeactivateDoctorCommand;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.ReactivateDoctorCommand;
import br.com.healthmed.api.doctor.RejectDoctorRegistrationCommand;
import br.com.healthmed.api.doctor.RevokeDoctorVerificationCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.staff.DeactivateStaffMemberCommand;
import br.com.healthmed.api.staff.ReactivateStaffMemberCommand;
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
    private final Sessions sessions;

    AdminController(Commands commands, PasswordInput passwords, Sessions sessions) {
        this.commands = commands;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    record DeactivationRequest(String reason) {
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
    @Operation(operationId = "verifyDoctor", summary = "Verify a doctor's registration", description = """
            Only then can the doctor publish slots, be booked and appear in search. Also verifies again a doctor whose \
            verification lapsed because they changed their name or specialty. A rejected registration or a revoked \
            verification is final: 409 doctor-registration-closed.""")
    @Rejects(value = DoctorRegistrationClosedException.class, sends = VerifyDoctorCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Verified (verifying again changes nothing)")
    ResponseEntity<Void> verifyDoctor(@PathVariable UUID doctorId) {
        commands.send(new VerifyDoctorCommand(new DoctorId(doctorId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/doctors/{doctorId}/rejection")
    @Operation(operationId = "rejectDoctorRegistration", summary = "Reject a registration awaiting verification", description = """
            With a reason (10 to 500 characters), for a registration that is not the registrant's to make (a CRM of \
            someone else, say). At once and for good: the account and its CRM claim are removed (the real holder of \
            the CRM can register), every session ends, and the doctor is never listed. A verified doctor is revoked \
            instead (409 doctor-already-verified). Rejecting again changes nothing.""")
    @Rejects(value = DoctorAlreadyVerifiedException.class, sends = RejectDoctorRegistrationCommand.class,
            targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Rejected")
    ResponseEntity<Void> rejectDoctorRegistration(@PathVariable UUID doctorId, @RequestBody DeactivationRequest request) {
        Justification reason = Justification.of(request.reason(), "reason");
        commands.send(new RejectDoctorRegistrationCommand(new DoctorId(doctorId), reason));
        sessions.endAll(doctorId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/doctors/{doctorId}/revocation")
    @Operation(operationId = "revokeDoctorVerification", summary = "Revoke a verified doctor's verification", description = """
            With a reason (10 to 500 characters), when a verification turns out to have been granted to someone who is \
            not the CRM's holder. At once and for good: the account and its CRM claim are removed, every session \
            ends, the doctor cannot publish or be booked and leaves search. Shortly after, each of their appointments \
            not yet started is cancelled with that reason, its slot freed, and the patient mailed (as a deactivation \
            does). A doctor not verified is rejected instead (409 doctor-not-verified). Revoking again changes nothing.""")
    @Rejects(value = DoctorNotVerifiedException.class, sends = RevokeDoctorVerificationCommand.class,
            targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revokeDoctorVerification(@PathVariable UUID doctorId, @RequestBody DeactivationRequest request) {
        Justification reason = Justification.of(request.reason(), "reason");
        commands.send(new RevokeDoctorVerificationCommand(new DoctorId(doctorId), reason));
        sessions.endAll(doctorId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/doctors/{doctorId}/deactivation")
    @Operation(operationId = "deactivateDoctor", summary = "Deactivate a doctor", description = """
            With a reason (10 to 500 characters). At once: the doctor cannot log in, every session of theirs ends, \
            they cannot publish slots or be booked, and they leave the search. Shortly after, each of their \
            appointments not yet started is cancelled with that reason, its slot freed, and the patient mailed. \
            Deactivating again changes nothing.""")
    @Rejects(sends = DeactivateDoctorCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Deactivated")
    ResponseEntity<Void> deactivateDoctor(@PathVariable UUID doctorId, @RequestBody DeactivationRequest request) {
        Justification reason = Justification.of(request.reason(), "reason");
        commands.send(new DeactivateDoctorCommand(new DoctorId(doctorId), reason));
        sessions.endAll(doctorId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/doctors/{doctorId}/reactivation")
    @Operation(operationId = "reactivateDoctor", summary = "Reactivate a deactivated doctor",
            description = "The doctor may log in, publish and be booked again; cancelled appointments stay cancelled.")
    @Rejects(value = DoctorRegistrationClosedException.class, sends = ReactivateDoctorCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Reactivated (reactivating an active doctor changes nothing)")
    ResponseEntity<Void> reactivateDoctor(@PathVariable UUID doctorId) {
        commands.send(new ReactivateDoctorCommand(new DoctorId(doctorId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/staff/{staffId}/deactivation")
    @Operation(operationId = "deactivateStaffMember", summary = "Deactivate an ADMIN or AUDITOR account", description = """
            With a reason (10 to 500 characters). The account cannot log in and every session of it ends at once. \
            Nobody deactivates their own account, and the last active ADMIN cannot be deactivated.""")
    @Rejects(value = {StaffSelfDeactivationException.class, LastActiveAdminException.class},
            sends = DeactivateStaffMemberCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Deactivated (deactivating again changes nothing)")
    ResponseEntity<Void> deactivateStaffMember(@PathVariable UUID staffId, @RequestBody DeactivationRequest request) {
        Justification reason = Justification.of(request.reason(), "reason");
        commands.send(new DeactivateStaffMemberCommand(new StaffId(staffId), reason));
        sessions.endAll(staffId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/staff/{staffId}/reactivation")
    @Operation(operationId = "reactivateStaffMember", summary = "Reactivate a deactivated ADMIN or AUDITOR account")
    @Rejects(sends = ReactivateStaffMemberCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Reactivated (reactivating an active account changes nothing)")
    ResponseEntity<Void> reactivateStaffMember(@PathVariable UUID staffId) {
        commands.send(new ReactivateStaffMemberCommand(new StaffId(staffId)));
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
