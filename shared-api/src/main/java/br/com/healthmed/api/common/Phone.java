package br.com.healthmed.api.common;

/** A Brazilian phone number, kept as digits with country code (55 + area code + number). */
public record Phone(String digits) {

    public Phone {
        if (digits == null || digits.isBlank()) {
            throw new InvalidValueException("phone-required", "phone", "phone is required");
        }
        String stripped = digits.strip();
        if (!stripped.matches("\\+?[0-9 ().\\-]{10,20}")) {
            throw new InvalidValueException("phone-invalid", "phone", "phone is invalid");
        }
        digits = stripped.replaceAll("[^0-9]", "");
        if (digits.length() == 10 || digits.length() == 11) {
            digits = "55" + digits;
        }
        if (!digits.matches("55[1-9][0-9][0-9]{8,9}")) {
            throw new InvalidValueException("phone-invalid", "phone", "phone must be a Brazilian number with area code");
        }
    }

    @Override
    public String toString() {
        return "Phone[protected]";
    }
}
