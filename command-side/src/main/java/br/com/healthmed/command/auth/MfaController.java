package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.mfa.DisableSecondFactorCommand;
import br.com.healthmed.api.mfa.EnrolSecondFactorCommand;
import br.com.healthmed.api.mfa.ResetSecondFactorCommand;
import br.com.healthmed.command.patient.CurrentPasswordIncorrectException;
import br.com.healthmed.command.ratelimit.ClientAddress;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The second factor over HTTP (ADR 0024): completing a login, enrolling, disabling, and an ADMIN's reset. Answers that
 * carry a secret, a code or a token are marked no-store.
 */
@RestController
@Tag(name = "Authentication")
class MfaController {

    private final MultiFactor multiFactor;
    private final LoginService logins;

    MfaController(MultiFactor multiFactor, LoginService logins) {
        this.multiFactor = multiFactor;
        this.logins = logins;
    }

    @PostMapping("/api/auth/mfa")
    @Operation(operationId = "completeMfaLogin", summary = "Complete a login with the second factor", description = """
            With the challengeToken a password login answered (401 mfa-required) and either the current 6-digit code \
            of the authenticator (RFC 6238: SHA-1, 30-second steps, one step of drift either way) or one of the \
            recovery codes. Each code works once; the challenge lasts 5 minutes, is spent by the first right code and \
            by the fifth wrong one. Wrong codes are throttled like passwords: 429 with Retry-After.""")
    @Rejects({AuthenticationRejection.MfaChallengeInvalid.class, AuthenticationRejection.MfaCodeInvalid.class,
            AuthenticationRejection.TooManyMfaAttempts.class, AuthenticationRejection.AccountDeactivated.class})
    @ApiResponse(responseCode = "200", description = "Logged in")
    ResponseEntity<AuthController.TokenResponse> complete(@RequestBody MfaLoginRequest body, HttpServletRequest request) {
        var account = multiFactor.complete(body.challengeToken(), body.code(), body.recoveryCode(), ClientAddress.of(request));
        return AuthController.tokens(logins.startSession(account));
    }

    @PostMapping("/api/auth/mfa/enrolment")
    @Operation(operationId = "startMfaEnrolment", summary = "Start enrolling a second factor", description = """
            Either with the enrolmentToken a login answered (401 mfa-enrolment-required: ADMIN and AUDITOR accounts, \
            and doctors when HEALTHMED_SECURITY_MFA_REQUIRED_FOR_DOCTORS is on), or logged in (any account may opt \
            in) with the current password again. Answers a new TOTP secret, its otpauth:// URI and that URI as a QR \
            code (PNG, data URI) for the authenticator app; nothing is active until a first code confirms it at \
            /api/auth/mfa/enrolment/confirm. Starting again replaces a secret not yet confirmed.""")
    @Rejects({AuthenticationRejection.MfaChallengeInvalid.class, MfaAlreadyEnrolledException.class,
            CurrentPasswordIncorrectException.class, AuthenticationRejection.TooManyMfaAttempts.class,
            PasswordHashingBusyException.class, AuthenticationRejection.AccountDeactivated.class})
    @ApiResponse(responseCode = "200", description = "The secret to add to the authenticator")
    ResponseEntity<MfaEnrolment> startEnrolment(@RequestBody MfaEnrolmentRequest body,
                                                     @AuthenticationPrincipal Actor actor, HttpServletRequest request) {
        MultiFactor.Enrolment enrolment = multiFactor.startEnrolment(body.enrolmentToken(), Optional.ofNullable(actor),
                body.password(), ClientAddress.of(request));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .body(new MfaEnrolment(enrolment.secret(), enrolment.otpauthUri(), enrolment.qrCode(), "SHA1",
                        Totp.DIGITS, Totp.PERIOD_SECONDS));
    }

    @PostMapping("/api/auth/mfa/enrolment/confirm")
    @Operation(operationId = "confirmMfaEnrolment", summary = "Confirm the second factor with a first code", description = """
            With the same enrolmentToken (or logged in, as when starting) and the authenticator's current code. From \
            now on every login of the account asks for a code. Answers the recovery codes, each good for one login \
            without the authenticator: they are shown this once and stored only hashed. With an enrolmentToken the \
            login completes too: the answer carries the access and refresh tokens.""")
    @Rejects(value = {AuthenticationRejection.MfaChallengeInvalid.class, AuthenticationRejection.MfaCodeInvalid.class,
            AuthenticationRejection.TooManyMfaAttempts.class, MfaAlreadyEnrolledException.class,
            MfaNotEnrolledException.class, AuthenticationRejection.AccountDeactivated.class},
            sends = EnrolSecondFactorCommand.class)
    @ApiResponse(responseCode = "200", description = "Enrolled")
    ResponseEntity<MfaEnrolmentConfirmed> confirmEnrolment(@RequestBody ConfirmMfaEnrolmentRequest body,
                                                        @AuthenticationPrincipal Actor actor, HttpServletRequest request) {
        MultiFactor.Confirmed confirmed = multiFactor.confirmEnrolment(body.enrolmentToken(), Optional.ofNullable(actor),
                body.code(), ClientAddress.of(request));
        AuthController.TokenResponse tokens = confirmed.loggedIn()
                ? AuthController.TokenResponse.of(logins.startSession(confirmed.account())) : null;
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .body(MfaEnrolmentConfirmed.of(confirmed.recoveryCodes(), tokens));
    }

    @PostMapping("/api/auth/mfa/disable")
    @Operation(operationId = "disableMfa", summary = "Switch my second factor off", description = """
            With a current code of the authenticator. Only where no rule requires one: never for ADMIN and AUDITOR \
            accounts, nor for doctors while HEALTHMED_SECURITY_MFA_REQUIRED_FOR_DOCTORS is on (403 mfa-mandatory; an \
            ADMIN can reset it instead). The recovery codes go with it.""")
    @Rejects(value = {MfaNotEnrolledException.class, MfaMandatoryException.class,
            AuthenticationRejection.MfaCodeInvalid.class, AuthenticationRejection.TooManyMfaAttempts.class},
            sends = DisableSecondFactorCommand.class)
    @ApiResponse(responseCode = "204", description = "Switched off")
    ResponseEntity<Void> disable(@AuthenticationPrincipal Actor actor, @RequestBody DisableMfaRequest body,
                                 HttpServletRequest request) {
        multiFactor.disable(actor, body.code(), ClientAddress.of(request));
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/api/admin/accounts/{accountId}/mfa-reset")
    @Operation(operationId = "resetMfa", summary = "Reset another account's second factor", description = """
            For an account whose owner lost the authenticator and the recovery codes, with a reason (10 to 500 \
            characters), recorded in the event store with the ADMIN who did it. The secret and recovery codes are \
            deleted and every session of the account ends; at its next login the account enrols again (ADMIN, AUDITOR \
            and, when required, doctors) or logs in with the password alone. Nobody resets their own.""")
    @Rejects(value = {MfaSelfResetException.class, MfaNotEnrolledException.class},
            sends = ResetSecondFactorCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Reset")
    ResponseEntity<Void> reset(@PathVariable UUID accountId, @RequestBody MfaResetRequest body,
                               @AuthenticationPrincipal Actor actor) {
        Justification reason = Justification.of(body.reason(), "reason");
        multiFactor.reset(accountId, reason, actor);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(AuthenticationRejection.class)
    ResponseEntity<ProblemDetail> rejected(AuthenticationRejection rejection, HttpServletRequest request) {
        return AuthController.problem(rejection, request);
    }

    record MfaLoginRequest(String challengeToken, String code, String recoveryCode) {
        @Override
        public String toString() {
            return "MfaLoginRequest[protected]";
        }
    }

    record MfaEnrolmentRequest(String enrolmentToken, String password) {
        @Override
        public String toString() {
            return "MfaEnrolmentRequest[protected]";
        }
    }

    record ConfirmMfaEnrolmentRequest(String enrolmentToken, String code) {
        @Override
        public String toString() {
            return "ConfirmMfaEnrolmentRequest[protected]";
        }
    }

    record DisableMfaRequest(String code) {
        @Override
        public String toString() {
            return "DisableMfaRequest[protected]";
        }
    }

    record MfaResetRequest(String reason) {
    }

    /** {@code qrCode} is a {@code data:image/png;base64,…} URI of {@code otpauthUri}. */
    record MfaEnrolment(String secret, String otpauthUri, String qrCode, String algorithm, int digits, int period) {
        @Override
        public String toString() {
            return "MfaEnrolment[protected]";
        }
    }

    /** The recovery codes, shown once; the tokens only when the enrolment completed a login (enrolment token). */
    record MfaEnrolmentConfirmed(List<String> recoveryCodes, String accessToken, String refreshToken, String tokenType,
                              Long expiresIn) {

        static MfaEnrolmentConfirmed of(List<String> recoveryCodes, AuthController.TokenResponse tokens) {
            return tokens == null ? new MfaEnrolmentConfirmed(recoveryCodes, null, null, null, null)
                    : new MfaEnrolmentConfirmed(recoveryCodes, tokens.accessToken(), tokens.refreshToken(),
                    tokens.tokenType(), tokens.expiresIn());
        }

        @Override
        public String toString() {
            return "MfaEnrolmentConfirmed[protected]";
        }
    }
}
