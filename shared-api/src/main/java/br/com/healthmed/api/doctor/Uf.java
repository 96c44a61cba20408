package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.Locale;

/** The 27 federative units; each has its own regional council (CRM). */
public enum Uf {
    AC, AL, AP, AM, BA, CE, DF, ES, GO, MA, MT, MS, MG, PA, PB, PR, PE, PI, RJ, RN, RS, RO, RR, SC, SP, SE, TO;

    public static Uf parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("uf-required", "uf", "UF is required");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("uf-invalid", "uf", "UF must be one of the 27 Brazilian federative units");
        }
    }
}
