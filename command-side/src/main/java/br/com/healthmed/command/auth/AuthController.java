package br.com.healthmed.command.auth;

import br.com.healthmed.command.ratelimit.ClientAddress;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import br.com.healthmed.command.patient.CurrentPasswordIncorrectException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.platform.security.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import br.com.healthmed.platform.security.VerifiedAccessToken;
import br.com.healthmed.platform.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** Logins for each kind of account, token refresh and logout. Every answer is marked no-store: it carries secrets. */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    private final LoginService logins;
    private final Credentials credentials;

    AuthController(LoginService logins, Credentials credentials) {
        this.logins = logins;
        this.credentials = credentials;
    }

    @PostMapping("/patient/login")
    @Operation(operationId = "patientLogin", summary = "Log in as a patient", description = """
            With the e-mail or the CPF (with or without punctuation). Answers a short-lived access token and a refresh \
            token. Failed logins are throttled per login and address, per address, and (from unknown addresses) per \
            login: 429 with Retry-After. An account with a second factor answers 401 mfa-required with a challengeToken: \
            complete the login at POST /api/auth/mfa. A patient whose e-mail is not confirmed yet gets 403             email-not-confirmed, only after the right password.""")
    @Rejects({AuthenticationRejection.InvalidCredentials.class, AuthenticationRejection.TooManyAttempts.class,
            PasswordHashingBusyException.class,
            AuthenticationRejection.AccountDeactivated.class, AuthenticationRejection.EmailNotConfirmed.class,
            AuthenticationRejection.MfaRequired.class})
    @ApiResponse(responseCode = "200", description = "Logged in")
    ResponseEntity<TokenResponse> patientLogin(@RequestBody PatientLoginRequest body, HttpServletRequest request) {
        return tokens(logins.patientLogin(body.login(), body.password(), ClientAddress.of(request)));
    }

    @PostMapping("/doctor/login")
    @Operation(operationId = "doctorLogin", summary = "Log in as a doctor", description = """
            With the CRM number and its UF. Answers a short-lived access token and a refresh token. Failed logins are \
            throttled per login and address, per address, and (from unknown addresses) per login: 429 with \
            Retry-After. An account with a second factor answers 401 mfa-required with a challengeToken: \
            complete the login at POST /api/auth/mfa. When doctors must have one (HEALTHMED_SECURITY_MFA_REQUIRED_FOR_DOCTORS) and \
            this one has none yet, 401 mfa-enrolment-required with an enrolmentToken: enrol at \
            /api/auth/mfa/enrolment.""")
    @Rejects({AuthenticationRejection.InvalidCredentials.class, AuthenticationRejection.TooManyAttempts.class,
            PasswordHashingBusyException.class,
            AuthenticationRejection.AccountDeactivated.class, AuthenticationRejection.MfaRequired.class,
            AuthenticationRejection.MfaEnrolmentRequired.class})
    @ApiResponse(responseCode = "200", description = "Logged in")
    ResponseEntity<TokenResponse> doctorLogin(@RequestBody DoctorLoginRequest body, HttpServletRequest request) {
        return tokens(logins.doctorLogin(body.crm(), body.uf(), body.password(), ClientAddress.of(request)));
    }

    @PostMapping("/admin/login")
    @Operation(operationId = "adminLogin", summary = "Log in as an admin or auditor", description = """
            With the e-mail of an ADMIN or AUDITOR account. Answers a short-lived access token and a refresh token. \
            Failed logins are throttled per login and address, per address, and (from unknown addresses) per login: \
            429 with Retry-After. Both roles must use a second factor (TOTP): after the right password an enrolled \
            account answers 401 mfa-required with a challengeToken (complete it at POST /api/auth/mfa), one that has \
            not enrolled yet 401 mfa-enrolment-required with an enrolmentToken that allows only enrolment \
            (/api/auth/mfa/enrolment, then /api/auth/mfa/enrolment/confirm, which logs in).""")
    @Rejects({AuthenticationRejection.InvalidCredentials.class, AuthenticationRejection.TooManyAttempts.class,
            PasswordHashingBusyException.class,
            AuthenticationRejection.AccountDeactivated.class, AuthenticationRejection.MfaRequired.class,
            AuthenticationRejection.MfaEnrolmentRequired.class})
    @ApiResponse(responseCode = "200", description = "Logged in")
    ResponseEntity<TokenResponse> adminLogin(@RequestBody StaffLoginRequest body, HttpServletRequest request) {
        return tokens(logins.staffLogin(body.email(), body.password(), ClientAddress.of(request)));
    }

    @PostMapping("/refresh")
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for a new token pair", description = """
            The refresh token sent is spent (rotation). Presenting a spent one again revokes every session of that \
            login (refresh-token-reused).""")
    @Rejects(AuthenticationRejection.RefreshTokenRefused.class)
    @ApiResponse(responseCode = "200", description = "A new token pair")
    ResponseEntity<TokenResponse> refresh(@RequestBody RefreshTokenRequest body) {
        return tokens(logins.refresh(body.refreshToken()));
    }

    @PostMapping("/logout")
    @Operation(operationId = "logout", summary = "Log out", description = "Revokes the refresh token's session and, when the call carries it, the access token; an unknown token changes nothing.")
    @Rejects
    @ApiResponse(responseCode = "204", description = "Logged out")
    ResponseEntity<Void> logout(@RequestBody RefreshTokenRequest body, Authentication authentication) {
        logins.logout(body.refreshToken(), Optional.ofNullable(authentication)
                .map(Authentication::getDetails)
                .filter(VerifiedAccessToken.class::isInstance)
                .map(VerifiedAccessToken.class::cast));
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/password")
    @Operation(operationId = "changePassword", summary = "Change my password", description = """
            Any logged-in account. Asks for the current password again; the new one follows the registration policy. \
            Every other login of the account ends at once (refresh and access tokens); the caller's own stays. Wrong \
            current passwords are throttled like logins: 429 with Retry-After.""")
    @Rejects({CurrentPasswordIncorrectException.class, AuthenticationRejection.PasswordChangesTooFrequent.class})
    @ApiResponse(responseCode = "204", description = "Changed")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Actor actor, @RequestBody ChangePasswordRequest body,
                                        Authentication authentication, HttpServletRequest request) {
        Optional<UUID> session = Optional.ofNullable(authentication.getDetails())
                .filter(VerifiedAccessToken.class::isInstance)
                .map(details -> ((VerifiedAccessToken) details).sessionId());
        credentials.change(actor.userId(), session, body.currentPassword(), body.newPassword(), ClientAddress.of(request));
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/patient/password-reset")
    @Operation(operationId = "requestPatientPasswordReset", summary = "Ask for a password reset mail (patient)", description = """
            With the patient's login e-mail. The answer is the same whether or not such an account exists; when it \
            does, a mail with a single-use token valid for 30 minutes goes to its address (a new request makes the \
            earlier token useless). Throttled per e-mail and per address: 429 with Retry-After.""")
    @Rejects(AuthenticationRejection.TooManyResetRequests.class)
    @ApiResponse(responseCode = "202", description = "Accepted: if the account exists, the mail is on its way")
    ResponseEntity<Void> requestPatientReset(@RequestBody PatientResetRequest body, HttpServletRequest request) {
        credentials.requestPatientReset(body.email(), ClientAddress.of(request));
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/doctor/password-reset")
    @Operation(operationId = "requestDoctorPasswordReset", summary = "Ask for a password reset mail (doctor)", description = """
            With the CRM number and its UF; the mail goes to the address the doctor registered. Same answer whether or \
            not the doctor exists; throttled per CRM and per address: 429 with Retry-After.""")
    @Rejects(AuthenticationRejection.TooManyResetRequests.class)
    @ApiResponse(responseCode = "202", description = "Accepted: if the account exists, the mail is on its way")
    ResponseEntity<Void> requestDoctorReset(@RequestBody DoctorResetRequest body, HttpServletRequest request) {
        credentials.requestDoctorReset(body.crm(), body.uf(), ClientAddress.of(request));
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/admin/password-reset")
    @Operation(operationId = "requestStaffPasswordReset", summary = "Ask for a password reset mail (admin or auditor)", description = """
            With the e-mail an ADMIN or AUDITOR account logs in with; the mail goes to that address. Same answer whether \
            or not such an account exists; throttled per e-mail and per address: 429 with Retry-After.""")
    @Rejects(AuthenticationRejection.TooManyResetRequests.class)
    @ApiResponse(responseCode = "202", description = "Accepted: if the account exists, the mail is on its way")
    ResponseEntity<Void> requestStaffReset(@RequestBody StaffResetRequest body, HttpServletRequest request) {
        credentials.requestStaffReset(body.email(), ClientAddress.of(request));
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/password-reset/confirm")
    @Operation(operationId = "resetPassword", summary = "Set a new password with the token from the reset mail", description = """
            The token works once, for 30 minutes, and only if it is the account's latest. The new password follows the \
            registration policy (a refused one leaves the token usable). Every login of the account ends.""")
    @Rejects(AuthenticationRejection.ResetTokenInvalid.class)
    @ApiResponse(responseCode = "204", description = "Password set; log in with it")
    ResponseEntity<Void> resetPassword(@RequestBody ResetPasswordRequest body) {
        credentials.reset(body.token(), body.newPassword());
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    /** Handled here rather than in a global advice, so no catch-all handler elsewhere can turn these into a 500. */
    @ExceptionHandler(AuthenticationRejection.class)
    ResponseEntity<ProblemDetail> rejected(AuthenticationRejection rejection, HttpServletRequest request) {
        return problem(rejection, request);
    }

    static ResponseEntity<ProblemDetail> problem(AuthenticationRejection rejection, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(rejection.status(), rejection.code(), rejection.getMessage());
        problem.setInstance(URI.create(request.getRequestURI()));
        rejection.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(rejection.status()).cacheControl(CacheControl.noStore());
        if (rejection.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(rejection.retryAfter()));
        }
        return response.body(problem);
    }

    static ResponseEntity<TokenResponse> tokens(LoginService.TokenPair pair) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(TokenResponse.of(pair));
    }

    record PatientLoginRequest(String login, String password) {
        @Override
        public String toString() {
            return "PatientLoginRequest[protected]";
        }
    }

    record DoctorLoginRequest(String crm, String uf, String password) {
        @Override
        public String toString() {
            return "DoctorLoginRequest[uf=" + uf + ", protected]";
        }
    }

    record StaffLoginRequest(String email, String password) {
        @Override
        public String toString() {
            return "StaffLoginRequest[protected]";
        }
    }

    record ChangePasswordRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[protected]";
        }
    }

    record PatientResetRequest(String email) {
        @Override
        public String toString() {
            return "PatientResetRequest[protected]";
        }
    }

    record StaffResetRequest(String email) {
        @Override
        public String toString() {
            return "StaffResetRequest[protected]";
        }
    }

    record DoctorResetRequest(String crm, String uf) {
        @Override
        public String toString() {
            return "DoctorResetRequest[uf=" + uf + ", protected]";
        }
    }

    record ResetPasswordRequest(String token, String newPassword) {
        @Override
        public String toString() {
            return "ResetPasswordRequest[protected]";
        }
    }

    record RefreshTokenRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshTokenRequest[protected]";
        }
    }

    /** What a client stores after a login or refresh; {@code expiresIn} is the access token's lifetime in seconds. */
    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

        static TokenResponse of(LoginService.TokenPair pair) {
            return new TokenResponse(pair.accessToken().value(), pair.refreshToken(), "Bearer",
                    pair.accessToken().lifetime().toSeconds());
        }

        @Override
        public String toString() {
            return "TokenResponse[protected, expiresIn=" + expiresIn + "]";
        }
    }
}
