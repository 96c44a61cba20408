package br.com.healthmed.api.serialization;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentReminderDueEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.ConsultationConsentRecordedEvent;
import br.com.healthmed.api.appointment.ConsultationEndedEvent;
import br.com.healthmed.api.appointment.ConsultationStartedEvent;
import br.com.healthmed.api.appointment.ParticipantJoinedEvent;
import br.com.healthmed.api.appointment.ParticipantLeftEvent;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorReactivatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorRegistrationRejectedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationLapsedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.mfa.SecondFactorDisabledEvent;
import br.com.healthmed.api.mfa.SecondFactorEnrolledEvent;
import br.com.healthmed.api.mfa.SecondFactorResetEvent;
import br.com.healthmed.api.patient.PatientConfirmationRequestedEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientEmailConfirmedEvent;
import br.com.healthmed.api.patient.PatientRegistrationExpiredEvent;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientTimeBlockedEvent;
import br.com.healthmed.api.patient.PatientTimeConfirmedEvent;
import br.com.healthmed.api.patient.PatientTimeReleasedEvent;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotMovedInEvent;
import br.com.healthmed.api.schedule.SlotMovedOutEvent;
import br.com.healthmed.api.schedule.SlotOverhangAddedEvent;
import br.com.healthmed.api.schedule.SlotOverhangRemovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.api.schedule.WeeklyPatternPublishedEvent;
import br.com.healthmed.api.staff.StaffMemberDeactivatedEvent;
import br.com.healthmed.api.staff.StaffMemberReactivatedEvent;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names under which events and snapshots are stored, independent of where their Java classes live (ADR 0008).
 * A logical name is given once and never changes; moving or renaming a class changes only the class on the right.
 * Stores written before logical names hold Java class names: those are kept here, frozen as text, as aliases of the
 * same classes. Types not listed (commands, queries, tracking tokens) keep Axon's default, the class name.
 */
public final class StoredTypes {

    private final Map<Class<?>, String> names;
    private final Map<String, Class<?>> classes;

    private StoredTypes(Map<Class<?>, String> names, Map<String, Class<?>> classes) {
        this.names = Collections.unmodifiableMap(names);
        this.classes = Collections.unmodifiableMap(classes);
    }

    /** Every event of the shared API; the last name of each entry is the class name that version 5bca2fe stored. */
    public static StoredTypes events() {
        return new StoredTypes(new LinkedHashMap<>(), new LinkedHashMap<>())
                .with(AppointmentRequestedEvent.class, "healthmed.appointment.AppointmentRequested",
                        "br.com.healthmed.api.appointment.AppointmentRequestedEvent")
                .with(AppointmentAcceptedEvent.class, "healthmed.appointment.AppointmentAccepted",
                        "br.com.healthmed.api.appointment.AppointmentAcceptedEvent")
                .with(AppointmentRejectedEvent.class, "healthmed.appointment.AppointmentRejected",
                        "br.com.healthmed.api.appointment.AppointmentRejectedEvent")
                .with(AppointmentCancelledEvent.class, "healthmed.appointment.AppointmentCancelled",
                        "br.com.healthmed.api.appointment.AppointmentCancelledEvent")
                .with(AppointmentExpiredEvent.class, "healthmed.appointment.AppointmentExpired")
                .with(AppointmentCompletedEvent.class, "healthmed.appointment.AppointmentCompleted")
                .with(AppointmentNoShowEvent.class, "healthmed.appointment.AppointmentNoShow")
                .with(AppointmentReminderDueEvent.class, "healthmed.appointment.AppointmentReminderDue")
                .with(AppointmentRescheduledEvent.class, "healthmed.appointment.AppointmentRescheduled")
                .with(ConsultationConsentRecordedEvent.class, "healthmed.appointment.ConsultationConsentRecorded")
                .with(ConsultationStartedEvent.class, "healthmed.appointment.ConsultationStarted")
                .with(ParticipantJoinedEvent.class, "healthmed.appointment.ParticipantJoined")
                .with(ParticipantLeftEvent.class, "healthmed.appointment.ParticipantLeft")
                .with(ConsultationEndedEvent.class, "healthmed.appointment.ConsultationEnded")
                .with(DoctorRegisteredEvent.class, "healthmed.doctor.DoctorRegistered",
                        "br.com.healthmed.api.doctor.DoctorRegisteredEvent")
                .with(DoctorVerifiedEvent.class, "healthmed.doctor.DoctorVerified",
                        "br.com.healthmed.api.doctor.DoctorVerifiedEvent")
                .with(DoctorProfileUpdatedEvent.class, "healthmed.doctor.DoctorProfileUpdated",
                        "br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent")
                .with(ConsultationPriceChangedEvent.class, "healthmed.doctor.ConsultationPriceChanged",
                        "br.com.healthmed.api.doctor.ConsultationPriceChangedEvent")
                .with(PatientRegisteredEvent.class, "healthmed.patient.PatientRegistered",
                        "br.com.healthmed.api.patient.PatientRegisteredEvent")
                .with(PatientDataErasedEvent.class, "healthmed.patient.PatientDataErased",
                        "br.com.healthmed.api.patient.PatientDataErasedEvent")
                .with(PatientTimeBlockedEvent.class, "healthmed.patient.PatientTimeBlocked",
                        "br.com.healthmed.api.patient.PatientTimeBlockedEvent")
                .with(PatientTimeReleasedEvent.class, "healthmed.patient.PatientTimeReleased",
                        "br.com.healthmed.api.patient.PatientTimeReleasedEvent")
                .with(PatientTimeConfirmedEvent.class, "healthmed.patient.PatientTimeConfirmed")
                .with(PatientConfirmationRequestedEvent.class, "healthmed.patient.PatientConfirmationRequested")
                .with(PatientEmailConfirmedEvent.class, "healthmed.patient.PatientEmailConfirmed")
                .with(PatientRegistrationExpiredEvent.class, "healthmed.patient.PatientRegistrationExpired")
                .with(SlotPublishedEvent.class, "healthmed.schedule.SlotPublished",
                        "br.com.healthmed.api.schedule.SlotPublishedEvent")
                .with(SlotMovedEvent.class, "healthmed.schedule.SlotMoved",
                        "br.com.healthmed.api.schedule.SlotMovedEvent")
                .with(SlotRemovedEvent.class, "healthmed.schedule.SlotRemoved",
                        "br.com.healthmed.api.schedule.SlotRemovedEvent")
                .with(SlotHeldEvent.class, "healthmed.schedule.SlotHeld",
                        "br.com.healthmed.api.schedule.SlotHeldEvent")
                .with(SlotReleasedEvent.class, "healthmed.schedule.SlotReleased",
                        "br.com.healthmed.api.schedule.SlotReleasedEvent")
                .with(WeeklyPatternPublishedEvent.class, "healthmed.schedule.WeeklyPatternPublished")
                .with(SlotMovedOutEvent.class, "healthmed.schedule.SlotMovedOut")
                .with(SlotMovedInEvent.class, "healthmed.schedule.SlotMovedIn")
                .with(SlotOverhangAddedEvent.class, "healthmed.schedule.SlotOverhangAdded")
                .with(SlotOverhangRemovedEvent.class, "healthmed.schedule.SlotOverhangRemoved")
                .with(StaffMemberRegisteredEvent.class, "healthmed.staff.StaffMemberRegistered",
                        "br.com.healthmed.api.staff.StaffMemberRegisteredEvent")
                .with(DoctorDeactivatedEvent.class, "healthmed.doctor.DoctorDeactivated")
                .with(DoctorReactivatedEvent.class, "healthmed.doctor.DoctorReactivated")
                .with(DoctorRegistrationRejectedEvent.class, "healthmed.doctor.DoctorRegistrationRejected")
                .with(DoctorVerificationRevokedEvent.class, "healthmed.doctor.DoctorVerificationRevoked")
                .with(DoctorVerificationLapsedEvent.class, "healthmed.doctor.DoctorVerificationLapsed")
                .with(StaffMemberDeactivatedEvent.class, "healthmed.staff.StaffMemberDeactivated")
                .with(StaffMemberReactivatedEvent.class, "healthmed.staff.StaffMemberReactivated")
                .with(SecondFactorEnrolledEvent.class, "healthmed.mfa.SecondFactorEnrolled")
                .with(SecondFactorDisabledEvent.class, "healthmed.mfa.SecondFactorDisabled")
                .with(SecondFactorResetEvent.class, "healthmed.mfa.SecondFactorReset");
    }

    /**
     * A copy that also stores {@code type} under {@code name} and reads it from {@code name} and from each of the
     * {@code formerNames} it was stored under before. Names are unique: one name never means two classes.
     */
    public StoredTypes with(Class<?> type, String name, String... formerNames) {
        if (names.containsKey(type)) {
            throw new IllegalArgumentException(type + " already has the stored name " + names.get(type));
        }
        Map<Class<?>, String> newNames = new LinkedHashMap<>(names);
        Map<String, Class<?>> newClasses = new LinkedHashMap<>(classes);
        newNames.put(type, name);
        claim(newClasses, name, type);
        for (String formerName : formerNames) {
            claim(newClasses, formerName, type);
        }
        return new StoredTypes(newNames, newClasses);
    }

    private static void claim(Map<String, Class<?>> classes, String name, Class<?> type) {
        Class<?> previous = classes.putIfAbsent(name, type);
        if (previous != null) {
            throw new IllegalArgumentException("the stored name " + name + " already means " + previous.getName());
        }
    }

    /** The name {@code type} is written under, if it has one. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(names.get(type));
    }

    /** The class a stored name (current or former) is read as, if it is one of ours. */
    public Optional<Class<?>> classOf(String storedName) {
        return Optional.ofNullable(classes.get(storedName));
    }

    /** Whether rows stored under {@code storedName} hold a {@code type}: what an upcaster asks before it acts. */
    public boolean isStoredNameOf(String storedName, Class<?> type) {
        return classes.get(storedName) == type;
    }

    public Set<Class<?>> types() {
        return names.keySet();
    }
}
