package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @Test
    void eight_to_one_hundred_twenty_eight_characters_are_accepted_as_they_are() {
        assertThat(PasswordPolicy.requireAcceptable("12345678")).isEqualTo("12345678");
        assertThat(PasswordPolicy.requireAcceptable(" ".repeat(3) + "x".repeat(125))).hasSize(128);
        assertThat(PasswordPolicy.requireAcceptable("senha com espaços e acentos")).isEqualTo("senha com espaços e acentos");
    }

    @Test
    void characters_are_counted_as_code_points() {
        assertThat(PasswordPolicy.requireAcceptable("🔒".repeat(128))).isNotEmpty();
        assertRefused("🔒".repeat(7), "password-too-short");
    }

    @Test
    void a_missing_or_blank_password_is_required() {
        assertRefused(null, "password-required");
        assertRefused("", "password-required");
        assertRefused("          ", "password-required");
    }

    @Test
    void seven_characters_are_too_short() {
        assertRefused("1234567", "password-too-short");
    }

    @Test
    void one_hundred_twenty_nine_characters_are_too_long() {
        assertRefused("x".repeat(129), "password-too-long");
    }

    @Test
    void the_refusal_never_quotes_the_password() {
        assertThatThrownBy(() -> PasswordPolicy.requireAcceptable("secret7"))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret7"));
    }

    private static void assertRefused(String password, String code) {
        assertThatThrownBy(() -> PasswordPolicy.requireAcceptable(password))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo("password");
                });
    }
}
