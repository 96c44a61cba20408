package br.com.healthmed.command.auth;

import br.com.healthmed.testing.TotpCodes;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    /** RFC 6238's SHA-1 key, "12345678901234567890", in Base32. */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void codes_are_the_last_six_digits_of_the_rfc_6238_sha1_test_vectors(long unixTime, String code) {
        assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(unixTime)))).isEqualTo(code);
    }

    @Test
    void a_code_is_accepted_one_step_either_side_of_now_and_not_two() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-12-02T10:00:15Z");
        long step = Totp.stepAt(now);

        assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now)).isEmpty();
    }

    @Test
    void malformed_codes_match_nothing() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-12-02T10:00:15Z");

        assertThat(Totp.matchingStep(secret, null, now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345a", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "1234567", now)).isEmpty();
    }

    @Test
    void new_secrets_are_160_random_bits_in_base32_and_round_trip() {
        String secret = Totp.newSecret();

        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.fromBase32(secret)).hasSize(20);
        assertThat(Totp.base32(Totp.fromBase32(secret))).isEqualTo(secret);
        assertThat(Totp.newSecret()).isNotEqualTo(secret);
        assertThat(Totp.acceptable(secret)).isTrue();
        assertThat(Totp.acceptable("JBSWY3DPEHPK3PXP")).as("80 bits are too few").isFalse();
        assertThat(Totp.acceptable("jbswy3dpehpk3pxpjbswy3dpehpk3pxp")).isFalse();
    }

    @Test
    void the_test_authenticator_agrees_with_the_verifier() {
        String secret = TotpCodes.newSecret();
        for (long step = 56_000_000; step < 56_000_050; step++) {
            assertThat(TotpCodes.code(secret, step)).isEqualTo(Totp.code(secret, step));
        }
    }

    @Test
    void the_provisioning_uri_follows_the_key_uri_format_without_personal_data() {
        String uri = Totp.uri("Health&Med", "ADMIN 3fa85f64", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

        assertThat(uri).isEqualTo("otpauth://totp/Health%26Med:ADMIN%203fa85f64?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Health%26Med&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void the_qr_code_is_a_png_that_reads_back_as_the_provisioning_uri() throws Exception {
        String uri = Totp.uri("Health&Med", "AUDITOR 3fa85f64", Totp.newSecret());
        String dataUri = QrCodes.pngDataUri(uri);
        assertThat(dataUri).startsWith("data:image/png;base64,");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()))));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));

        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(uri);
    }

    @Test
    void recovery_codes_hash_the_same_whatever_the_dashes_spaces_and_case() {
        assertThat(MultiFactor.recoveryHash("abcd-efgh-jkmn-pqrs"))
                .isEqualTo(MultiFactor.recoveryHash("ABCD EFGH JKMN PQRS"))
                .isEqualTo(MultiFactor.recoveryHash("ABCDEFGHJKMNPQRS"))
                .hasSize(64);
        assertThat(MultiFactor.recoveryHash("ABCDEFGHJKMNPQRT")).isNotEqualTo(MultiFactor.recoveryHash("ABCDEFGHJKMNPQRS"));
    }
}
