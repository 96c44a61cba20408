package br.com.healthmed.platform.security;

/** An access token was refused; {@code code} is what the client sees in the 401 problem document. */
public class InvalidAccessTokenException extends RuntimeException {

    public enum Reason {
        EXPIRED("token-expired"),
        INVALID("token-invalid");

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
