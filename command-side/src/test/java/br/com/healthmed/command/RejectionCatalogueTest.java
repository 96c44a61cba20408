package br.com.healthmed.command;

import br.com.healthmed.command.auth.MfaAlreadyEnrolledException;
import br.com.healthmed.command.auth.MfaMandatoryException;
import br.com.healthmed.command.auth.MfaNotEnrolledException;
import br.com.healthmed.command.auth.MfaSelfResetException;
import br.com.healthmed.command.appointment.AppointmentAlreadyExistsException;
import br.com.healthmed.command.appointment.AppointmentAlreadyStartedException;
import br.com.healthmed.command.appointment.AppointmentNotActiveException;
import br.com.healthmed.command.appointment.AppointmentNotCancellableException;
import br.com.healthmed.command.appointment.AppointmentNotFoundException;
import br.com.healthmed.command.appointment.AppointmentNotPendingException;
import br.com.healthmed.command.appointment.CancellationTooLateException;
import br.com.healthmed.command.appointment.ConsultationConsentRequiredException;
import br.com.healthmed.command.appointment.ConsultationNotStartedException;
import br.com.healthmed.command.appointment.ConsultationRoomClosedException;
import br.com.healthmed.command.appointment.ConsultationRoomNotOpenException;
import br.com.healthmed.command.appointment.ConsultationUnavailableException;
import br.com.healthmed.command.appointment.NoShowNotAllowedException;
import br.com.healthmed.command.appointment.RescheduleNotAllowedException;
import br.com.healthmed.command.appointment.RescheduleTooLateException;
import br.com.healthmed.command.appointment.SlotNotOfSameDoctorException;
import br.com.healthmed.command.doctor.BookingNoticeTooShortException;
import br.com.healthmed.command.doctor.DoctorNotVerifiedException;
import br.com.healthmed.command.doctor.PatternEmptyException;
import br.com.healthmed.command.doctor.PatternTooLargeException;
import br.com.healthmed.command.doctor.SlotHeldException;
import br.com.healthmed.command.doctor.SlotInPastException;
import br.com.healthmed.command.doctor.SlotLengthInvalidException;
import br.com.healthmed.command.doctor.SlotNotFoundException;
import br.com.healthmed.command.doctor.SlotOverlapException;
import br.com.healthmed.command.doctor.SlotTooFarAheadException;
import br.com.healthmed.command.doctor.SlotUnavailableException;
import br.com.healthmed.command.notification.DeadLetterNotFoundException;
import br.com.healthmed.command.patient.CurrentPasswordIncorrectException;
import br.com.healthmed.command.patient.PatientNotFoundException;
import br.com.healthmed.command.patient.PatientScheduleConflictException;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.shared.DomainRejection.Kind;
import br.com.healthmed.command.staff.StaffRoleInvalidException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** API clients match on these codes and the web layer maps these kinds to HTTP statuses: they must not drift. */
class RejectionCatalogueTest {

    static Stream<Arguments> rejections() {
        return Stream.of(
                arguments("doctor-not-verified", Kind.CONFLICT, new DoctorNotVerifiedException()),
                arguments("slot-length-invalid", Kind.INVALID, new SlotLengthInvalidException(Duration.ofMinutes(10), Duration.ofMinutes(240))),
                arguments("slot-in-past", Kind.INVALID, new SlotInPastException()),
                arguments("slot-too-far-ahead", Kind.INVALID, new SlotTooFarAheadException(Duration.ofDays(180))),
                arguments("slot-overlap", Kind.CONFLICT, new SlotOverlapException()),
                arguments("pattern-empty", Kind.INVALID, new PatternEmptyException()),
                arguments("pattern-too-large", Kind.INVALID, new PatternTooLargeException(1000)),
                arguments("slot-not-found", Kind.NOT_FOUND, new SlotNotFoundException()),
                arguments("slot-held", Kind.CONFLICT, new SlotHeldException()),
                arguments("slot-unavailable", Kind.CONFLICT, new SlotUnavailableException()),
                arguments("booking-notice-too-short", Kind.CONFLICT, new BookingNoticeTooShortException(Duration.ofHours(2))),
                arguments("patient-schedule-conflict", Kind.CONFLICT, new PatientScheduleConflictException()),
                arguments("patient-not-found", Kind.NOT_FOUND, new PatientNotFoundException()),
                arguments("appointment-not-found", Kind.NOT_FOUND, new AppointmentNotFoundException()),
                arguments("consultation-unavailable", Kind.CONFLICT, new ConsultationUnavailableException()),
                arguments("consultation-room-not-open", Kind.CONFLICT, new ConsultationRoomNotOpenException()),
                arguments("consultation-room-closed", Kind.CONFLICT, new ConsultationRoomClosedException()),
                arguments("consultation-consent-required", Kind.CONFLICT, new ConsultationConsentRequiredException()),
                arguments("consultation-not-started", Kind.CONFLICT, new ConsultationNotStartedException()),
                arguments("appointment-not-pending", Kind.CONFLICT, new AppointmentNotPendingException()),
                arguments("appointment-not-cancellable", Kind.CONFLICT, new AppointmentNotCancellableException()),
                arguments("appointment-not-active", Kind.CONFLICT, new AppointmentNotActiveException()),
                arguments("appointment-already-started", Kind.CONFLICT, new AppointmentAlreadyStartedException()),
                arguments("appointment-already-exists", Kind.CONFLICT, new AppointmentAlreadyExistsException()),
                arguments("cancellation-too-late", Kind.CONFLICT, new CancellationTooLateException()),
                arguments("no-show-not-allowed", Kind.CONFLICT, new NoShowNotAllowedException()),
                arguments("reschedule-not-allowed", Kind.CONFLICT, new RescheduleNotAllowedException()),
                arguments("reschedule-too-late", Kind.CONFLICT, new RescheduleTooLateException()),
                arguments("slot-not-of-same-doctor", Kind.UNPROCESSABLE, new SlotNotOfSameDoctorException()),
                arguments("dead-letter-not-found", Kind.NOT_FOUND, new DeadLetterNotFoundException()),
                arguments("role-invalid", Kind.INVALID, new StaffRoleInvalidException()),
                arguments("password-incorrect", Kind.FORBIDDEN, new CurrentPasswordIncorrectException()),
                arguments("mfa-already-enrolled", Kind.CONFLICT, new MfaAlreadyEnrolledException()),
                arguments("mfa-not-enrolled", Kind.CONFLICT, new MfaNotEnrolledException()),
                arguments("mfa-mandatory", Kind.FORBIDDEN, new MfaMandatoryException()),
                arguments("mfa-self-reset", Kind.FORBIDDEN, new MfaSelfResetException()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("rejections")
    void every_rejection_keeps_its_code_and_kind(String code, Kind kind, DomainRejection rejection) {
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.kind()).isEqualTo(kind);
        assertThat(rejection.details().code()).isEqualTo(code);
        assertThat(rejection.getMessage()).isNotBlank().doesNotContain(code);
    }
}
