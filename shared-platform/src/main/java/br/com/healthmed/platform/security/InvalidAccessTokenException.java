package br.com.healthmed.platform.security;

/** An access token was refused; {@code code} is what the client sees in the 401 problem document. */
public class InvalidAccessTokenException extends RuntimeException {

    public enum Reason {
        EXPIRED("token-expired"),
        INVALID("token-invalid"),
        /** Signed and unexpired, but its login, session or account was ended (deny-list). */
        REVOKED("token-revoked"),
        /** The deny-list could not be read: the token can be neither trusted nor refused, so the caller retries. */
        UNCHECKABLE("token-check-unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public InvalidAccessTokenException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
