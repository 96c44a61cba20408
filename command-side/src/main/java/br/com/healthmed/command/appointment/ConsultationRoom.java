package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.CheckConsultationAccessCommand;
import br.com.healthmed.api.appointment.EndConsultationCommand;
import br.com.healthmed.api.appointment.JoinConsultationCommand;
import br.com.healthmed.api.appointment.LeaveConsultationCommand;
import br.com.healthmed.api.appointment.RecordConsultationConsentCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.command.shared.Caller;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The commands of an appointment's video room. They touch the Appointment alone, so they need no lock order beyond
 * its own. The room's media never passes here: only who entered and left, and when (ADR 0027).
 */
@Component
class ConsultationRoom {

    private final Repository<Appointment> appointments;
    private final Clock clock;
    private final ConsultationProperties properties;

    ConsultationRoom(Repository<Appointment> appointments, Clock clock, ConsultationProperties properties) {
        this.appointments = appointments;
        this.clock = clock;
        this.properties = properties;
    }

    @CommandHandler
    void handle(RecordConsultationConsentCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String role) {
        Caller caller = Caller.of(userId, role);
        appointmentOf(command.appointmentId()).execute(a -> a.recordConsultationConsent(caller));
    }

    @CommandHandler
    RoomAdmission handle(CheckConsultationAccessCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String role) {
        Caller caller = Caller.of(userId, role);
        return appointmentOf(command.appointmentId()).invoke(a -> a.admit(caller, clock.instant(), properties.window()));
    }

    @CommandHandler
    RoomAdmission handle(JoinConsultationCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String role,
                DeadlineManager deadlines) {
        Caller caller = Caller.of(userId, role);
        return appointmentOf(command.appointmentId())
                .invoke(a -> a.join(caller, clock.instant(), properties.window(), deadlines));
    }

    @CommandHandler
    void handle(LeaveConsultationCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String role) {
        Caller caller = Caller.of(userId, role);
        appointmentOf(command.appointmentId()).execute(a -> a.leave(caller));
    }

    @CommandHandler
    void handle(EndConsultationCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String role) {
        Caller caller = Caller.of(userId, role);
        appointmentOf(command.appointmentId()).execute(a -> a.endConsultation(caller));
    }

    /** An unknown id answers as someone else's appointment, so ids cannot be probed. */
    private Aggregate<Appointment> appointmentOf(AppointmentId appointmentId) {
        if (appointmentId == null) {
            throw new AppointmentNotFoundException();
        }
        try {
            return appointments.load(appointmentId.toString());
        } catch (AggregateNotFoundException e) {
            throw new AppointmentNotFoundException();
        }
    }
}
