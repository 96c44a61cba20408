package br.com.healthmed.command.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @TempDir
    Path temp;

    @Test
    void an_empty_key_folder_gets_a_new_pair_with_the_private_key_readable_by_its_owner_only() throws Exception {
        Path folder = temp.resolve("keys");

        SigningKeys keys = SigningKeys.from(properties(null, null, folder.toString()));

        Path privateFile = folder.resolve(SigningKeys.PRIVATE_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(folder.resolve(SigningKeys.PUBLIC_KEY_FILE))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(keys.publicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
        try (var leftovers = Files.list(folder)) {
            assertThat(leftovers).hasSize(2);
        }
    }

    @Test
    void an_existing_pair_is_loaded_not_replaced() {
        SigningKeys first = SigningKeys.from(properties(null, null, temp.toString()));
        SigningKeys second = SigningKeys.from(properties(null, null, temp.toString()));

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.privateKey()).isEqualTo(first.privateKey());
    }

    @Test
    void a_folder_with_only_one_of_the_keys_is_refused_instead_of_overwritten() throws Exception {
        SigningKeys.from(properties(null, null, temp.toString()));
        Files.delete(temp.resolve(SigningKeys.PUBLIC_KEY_FILE));

        assertThatThrownBy(() -> SigningKeys.from(properties(null, null, temp.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only one of");
    }

    @Test
    void pem_text_from_the_environment_wins_over_the_folder() {
        KeyPair pair = AccessTokenTest.ed25519();

        SigningKeys keys = SigningKeys.from(properties(PemKeys.pem(pair.getPrivate()), PemKeys.pem(pair.getPublic()),
                temp.resolve("unused").toString()));

        assertThat(keys.publicKey()).isEqualTo(pair.getPublic());
        assertThat(Files.exists(temp.resolve("unused"))).isFalse();
    }

    @Test
    void pem_text_with_escaped_line_breaks_is_accepted() {
        KeyPair pair = AccessTokenTest.ed25519();
        String privatePem = PemKeys.pem(pair.getPrivate()).replace("\n", "\\n");
        String publicPem = PemKeys.pem(pair.getPublic()).replace("\n", "\\n");

        assertThat(SigningKeys.from(properties(privatePem, publicPem, null)).publicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void a_public_key_of_another_pair_is_refused() {
        String privatePem = PemKeys.pem(AccessTokenTest.ed25519().getPrivate());
        String publicPem = PemKeys.pem(AccessTokenTest.ed25519().getPublic());

        assertThatThrownBy(() -> SigningKeys.from(properties(privatePem, publicPem, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void only_half_a_pair_in_the_environment_is_refused() {
        String privatePem = PemKeys.pem(AccessTokenTest.ed25519().getPrivate());

        assertThatThrownBy(() -> SigningKeys.from(properties(privatePem, "", temp.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HEALTHMED_JWT_PUBLIC_KEY");
    }

    @Test
    void start_up_fails_with_the_settings_to_use_when_no_key_is_configured() {
        assertThatThrownBy(() -> SigningKeys.from(properties("", " ", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HEALTHMED_JWT_PRIVATE_KEY")
                .hasMessageContaining("HEALTHMED_JWT_KEY_DIRECTORY");
    }

    @Test
    void a_key_that_is_not_pem_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> PemKeys.publicKey("ssh-ed25519 AAAA"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("X.509 PEM");
    }

    private static JwtProperties properties(String privateKey, String publicKey, String folder) {
        return new JwtProperties(privateKey, publicKey, folder, "healthmed", Duration.ofMinutes(15));
    }
}
