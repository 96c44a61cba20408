package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AccountClosure;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.WithdrawAppointmentCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Cancels the appointments of an account that closed (ADR 0020): every active appointment of an erased patient, and
 * every one not yet started of a deactivated doctor or of one whose verification was revoked (ADR 0026). It keeps its own table of the appointments still open, from the
 * same ordered stream (one segment), so that when it reaches the closure it has seen every request made before it:
 * a deactivated doctor cannot be booked after the deactivation commits (the booking locks the doctor), and an erased
 * patient books nothing more.
 * <p>
 * A failed cancellation fails the batch (the processor's error handler propagates), and the processor tries again;
 * cancelling twice changes nothing. The cancellation carries the closure's own metadata: the ADMIN who deactivated,
 * or whoever erased.
 */
@Component
@ProcessingGroup(AccountClosures.GROUP)
class AccountClosures {

    static final String GROUP = "account-closure";
    static final String ERASURE_JUSTIFICATION = "patient account erased";
    private static final String UNREADABLE_REASON = "doctor account deactivated";
    private static final String UNREADABLE_REVOCATION = "doctor verification revoked";

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final PersonalDataVault vault;

    AccountClosures(JdbcClient jdbc, CommandGateway commands, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.vault = vault;
    }

    @EventHandler
    void on(AppointmentRequestedEvent event) {
        jdbc.sql("""
                        INSERT INTO open_appointment (appointment_id, doctor_id, patient_id) VALUES (?, ?, ?)
                        ON CONFLICT (appointment_id) DO NOTHING""")
                .params(event.appointmentId().value(), event.doctorId().value(), event.patientId().value()).update();
    }

    @EventHandler
    void on(AppointmentRejectedEvent event) {
        closed(event.appointmentId());
    }

    @EventHandler
    void on(AppointmentCancelledEvent event) {
        closed(event.appointmentId());
    }

    @EventHandler
    void on(AppointmentExpiredEvent event) {
        closed(event.appointmentId());
    }

    @EventHandler
    void on(AppointmentCompletedEvent event) {
        closed(event.appointmentId());
    }

    @EventHandler
    void on(AppointmentNoShowEvent event) {
        closed(event.appointmentId());
    }

    @EventHandler
    void on(PatientDataErasedEvent event, EventMessage<?> message) {
        List<UUID> open = jdbc.sql("SELECT appointment_id FROM open_appointment WHERE patient_id = ? ORDER BY appointment_id")
                .param(event.patientId().value()).query(UUID.class).list();
        withdraw(open, AccountClosure.PATIENT_ERASED, new Justification(ERASURE_JUSTIFICATION), message.getMetaData());
    }

    @EventHandler
    void on(DoctorDeactivatedEvent event, EventMessage<?> message) {
        List<UUID> open = jdbc.sql("SELECT appointment_id FROM open_appointment WHERE doctor_id = ? ORDER BY appointment_id")
                .param(event.doctorId().value()).query(UUID.class).list();
        String reason = vault.open(event.reason()).orElse(UNREADABLE_REASON);
        withdraw(open, AccountClosure.DOCTOR_DEACTIVATED, new Justification(reason), message.getMetaData());
    }

    /** A revoked verification closes the account as a deactivation does, and for good (issue 9 item 7, ADR 0026). */
    @EventHandler
    void on(DoctorVerificationRevokedEvent event, EventMessage<?> message) {
        List<UUID> open = jdbc.sql("SELECT appointment_id FROM open_appointment WHERE doctor_id = ? ORDER BY appointment_id")
                .param(event.doctorId().value()).query(UUID.class).list();
        String reason = vault.open(event.reason()).orElse(UNREADABLE_REVOCATION);
        withdraw(open, AccountClosure.DOCTOR_DEACTIVATED, new Justification(reason), message.getMetaData());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM open_appointment").update();
    }

    private void withdraw(List<UUID> appointments, AccountClosure closure, Justification justification, MetaData cause) {
        MetaData metaData = MetaData.with(AuditMetadata.USER_ID, cause.getOrDefault(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER))
                .and(AuditMetadata.ROLE, cause.getOrDefault(AuditMetadata.ROLE, AuditMetadata.SYSTEM_ROLE))
                .and(AuditMetadata.CORRELATION_ID, cause.getOrDefault(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString()));
        for (UUID appointment : appointments) {
            commands.sendAndWait(new WithdrawAppointmentCommand(new AppointmentId(appointment), closure, justification),
                    metaData);
        }
    }

    private void closed(AppointmentId appointmentId) {
        jdbc.sql("DELETE FROM open_appointment WHERE appointment_id = ?").param(appointmentId.value()).update();
    }
}
