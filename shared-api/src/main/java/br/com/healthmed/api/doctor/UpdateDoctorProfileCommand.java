package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PersonName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.ZoneId;

/** Replaces the doctor's editable profile. A new price applies only to requests made after it. */
public record UpdateDoctorProfileCommand(
        @TargetAggregateIdentifier DoctorId doctorId,
        PersonName name,
        Email email,
        Specialty specialty,
        Money consultationPrice,
        ZoneId timeZone) {
}
