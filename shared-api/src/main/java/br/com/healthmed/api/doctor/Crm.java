package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.InvalidValueException;

/**
 * A doctor's registration with a regional council: number plus UF. The number is kept without leading zeros so that
 * "012345/SP" and "12345/SP" are the same registration.
 */
public record Crm(String number, Uf uf) {

    public Crm {
        if (number == null || number.isBlank()) {
            throw new InvalidValueException("crm-required", "crm", "CRM number is required");
        }
        number = number.strip();
        if (!number.matches("[0-9]{1,10}")) {
            throw new InvalidValueException("crm-invalid", "crm", "CRM number must have 1 to 10 digits");
        }
        number = number.replaceFirst("^0+(?=.)", "");
        if (number.equals("0")) {
            throw new InvalidValueException("crm-invalid", "crm", "CRM number must not be zero");
        }
        if (uf == null) {
            throw new InvalidValueException("uf-required", "uf", "UF is required");
        }
    }

    public static Crm of(String number, String uf) {
        return new Crm(number, Uf.parse(uf));
    }

    @Override
    public String toString() {
        return "CRM/" + uf + " " + number;
    }
}
