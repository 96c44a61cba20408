package br.com.healthmed.api.common;

/** A password hash on its way to the credential store; it never prints itself. */
public record PasswordHash(String value) {

    public PasswordHash {
        Require.text(value, "password", 512);
    }

    @Override
    public String toString() {
        return "PasswordHash[protected]";
    }
}
