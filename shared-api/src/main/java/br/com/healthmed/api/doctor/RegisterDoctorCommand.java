package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.ZoneId;

/** Registers an unverified doctor; CRM number + UF must be unused. */
public record RegisterDoctorCommand(
        @TargetAggregateIdentifier DoctorId doctorId,
        PersonName name,
        Crm crm,
        Email email,
        Specialty specialty,
        Money consultationPrice,
        ZoneId timeZone,
        PasswordHash passwordHash) {
}
