package br.com.healthmed.api.patient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import br.com.healthmed.api.common.InvalidValueException;

/** A CPF with valid check digits, kept as its 11 digits; punctuation is accepted on input and dropped. */
public record Cpf(String digits) {

    public Cpf {
        if (digits == null || digits.isBlank()) {
            throw new InvalidValueException("cpf-required", "cpf", "CPF is required");
        }
        String stripped = digits.strip();
        if (!stripped.matches("[0-9.\\-\\s]+")) {
            throw new InvalidValueException("cpf-invalid", "cpf", "CPF is invalid");
        }
        digits = stripped.replaceAll("[.\\-\\s]", "");
        if (digits.length() != 11 || digits.chars().distinct().count() == 1 || !checkDigitsMatch(digits)) {
            throw new InvalidValueException("cpf-invalid", "cpf", "CPF is invalid");
        }
    }

    @JsonCreator
    public static Cpf of(String value) {
        return new Cpf(value);
    }

    /** Whether the text looks like a CPF rather than an e-mail, for logins that accept either. */
    public static boolean looksLikeCpf(String login) {
        return login != null && login.strip().matches("[0-9.\\-\\s]{11,14}");
    }

    private static boolean checkDigitsMatch(String digits) {
        return checkDigit(digits, 9) == digits.charAt(9) - '0' && checkDigit(digits, 10) == digits.charAt(10) - '0';
    }

    private static int checkDigit(String digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int remainder = (sum * 10) % 11;
        return remainder == 10 ? 0 : remainder;
    }

    @JsonValue
    @Override
    public String digits() {
        return digits;
    }

    /** Masked, so that a CPF never lands in a log by accident. */
    @Override
    public String toString() {
        return "***.***.***-" + digits.substring(9);
    }
}
