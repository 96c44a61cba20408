package br.com.healthmed.api.patient;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Phone;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Registers a patient; e-mail and CPF must be unused. Phone and birth date are optional (null). */
public record RegisterPatientCommand(
        @TargetAggregateIdentifier PatientId patientId,
        PersonName name,
        Email email,
        Cpf cpf,
        Phone phone,
        LocalDate birthDate,
        PasswordHash passwordHash) {
}
