package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.mfa.DisableSecondFactorCommand;
import br.com.healthmed.api.mfa.EnrolSecondFactorCommand;
import br.com.healthmed.api.mfa.ResetSecondFactorCommand;
import br.com.healthmed.api.mfa.SecondFactorId;
import br.com.healthmed.command.account.Account;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.patient.CurrentPasswordIncorrectException;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.FieldErrors;
import br.com.healthmed.platform.security.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The second factor's use cases (ADR 0024): the challenge after a password, its completion with a TOTP or recovery
 * code, enrolment (by an enrolment token or by a logged-in account), disabling and an ADMIN's reset. Every code check
 * is throttled like a password, per account and address, per address and per account from unknown addresses
 * ({@link LoginThrottle} under the name {@code MFA:<accountId>}), and each code works once.
 */
@Service
public class MultiFactor implements KnownSecretEnrolment {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 16 characters of a 32-letter alphabet: 80 random bits, shown as four groups of four. */
    private static final int RECOVERY_LENGTH = 16;

    private final AccountRegistry accounts;
    private final SecondFactorStore store;
    private final MfaChallenges challenges;
    private final MfaProperties properties;
    private final PersonalDataVault vault;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwordEncoder;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Sessions sessions;
    private final Clock clock;

    MultiFactor(AccountRegistry accounts, SecondFactorStore store, MfaChallenges challenges, MfaProperties properties,
                PersonalDataVault vault, LoginThrottle throttle, PasswordEncoder passwordEncoder, Commands commands,
                CommandGateway gateway, Sessions sessions, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.challenges = challenges;
        this.properties = properties;
        this.vault = vault;
        this.throttle = throttle;
        this.passwordEncoder = passwordEncoder;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * After the right password: an enrolled account gets a challenge, an account that must enrol and has not an
     * enrolment token (each thrown as the login's answer); any other account logs in at once.
     */
    void challenge(Account account) {
        UUID id = account.accountId();
        if (store.confirmed(id)) {
            throw new AuthenticationRejection.MfaRequired(challenges.issue(id, MfaChallenges.Purpose.LOGIN),
                    challenges.lifetime(MfaChallenges.Purpose.LOGIN));
        }
        if (properties.requiredFor(account.role())) {
            throw new AuthenticationRejection.MfaEnrolmentRequired(challenges.issue(id, MfaChallenges.Purpose.ENROLMENT),
                    challenges.lifetime(MfaChallenges.Purpose.ENROLMENT));
        }
    }

    /** Completes a login: the challenge is spent by the first right code; the account to issue tokens for. */
    Account complete(String challengeToken, String code, String recoveryCode, String clientAddress) {
        requireOneOf(code, recoveryCode);
        UUID id = challenges.peek(challengeToken, MfaChallenges.Purpose.LOGIN)
                .orElseThrow(AuthenticationRejection.MfaChallengeInvalid::new);
        LoginThrottle.Attempt attempt = attempt(id, clientAddress);
        boolean accepted = code != null
                ? store.find(id).filter(SecondFactorStore.Stored::confirmed).map(stored -> useCode(id, stored, code)).orElse(false)
                : store.useRecoveryCode(id, recoveryHash(recoveryCode), clock.instant());
        if (!accepted) {
            challenges.failed(challengeToken);
            throw new AuthenticationRejection.MfaCodeInvalid();
        }
        throttle.succeeded(attempt);
        challenges.consume(challengeToken, MfaChallenges.Purpose.LOGIN)
                .orElseThrow(AuthenticationRejection.MfaChallengeInvalid::new);
        return activeAccount(id);
    }

    /** A new secret, what the authenticator needs to learn it, and how to confirm it. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {

        @Override
        public String toString() {
            return "Enrolment[protected]";
        }
    }

    /**
     * Starts (or starts over) an enrolment: with an enrolment token from a login, or as the logged-in {@code caller}
     * proving the current password again (an access token alone must not let anyone bind their own authenticator).
     */
    Enrolment startEnrolment(String enrolmentToken, Optional<Actor> caller, String password, String clientAddress) {
        UUID id = owner(enrolmentToken, caller);
        Account account = activeAccount(id);
        if (enrolmentToken == null) {
            LoginThrottle.Attempt attempt = attempt(id, clientAddress);
            boolean confirmed;
            try {
                confirmed = passwordEncoder.matches(password == null ? "" : password, account.passwordHash());
            } catch (PasswordHashingBusyException busy) {
                throttle.abandoned(attempt);
                throw busy;
            }
            if (!confirmed) {
                throw new CurrentPasswordIncorrectException();
            }
            throttle.succeeded(attempt);
        }
        String secret = Totp.newSecret();
        if (!store.startPending(id, vault.seal(id, secret))) {
            throw new MfaAlreadyEnrolledException();
        }
        String uri = Totp.uri(properties.issuer(), account.role().name() + " " + id.toString().substring(0, 8), secret);
        return new Enrolment(secret, uri, QrCodes.pngDataUri(uri));
    }

    /** The confirmed enrolment: the recovery codes, shown this once, and whether it came with an enrolment token. */
    record Confirmed(Account account, List<String> recoveryCodes, boolean loggedIn) {

        @Override
        public String toString() {
            return "Confirmed[" + account + ", protected]";
        }
    }

    /**
     * The first valid code of the pending secret confirms it (and is spent). With an enrolment token, this completes
     * the login as well: the caller gets tokens, the token is spent.
     */
    Confirmed confirmEnrolment(String enrolmentToken, Optional<Actor> caller, String code, String clientAddress) {
        UUID id = owner(enrolmentToken, caller);
        LoginThrottle.Attempt attempt = attempt(id, clientAddress);
        SecondFactorStore.Stored pending = store.find(id).orElseThrow(MfaNotEnrolledException::new);
        if (pending.confirmed()) {
            throw new MfaAlreadyEnrolledException();
        }
        if (!useCode(id, pending, code)) {
            if (enrolmentToken != null) {
                challenges.failed(enrolmentToken);
            }
            throw new AuthenticationRejection.MfaCodeInvalid();
        }
        throttle.succeeded(attempt);
        if (enrolmentToken != null) {
            challenges.consume(enrolmentToken, MfaChallenges.Purpose.ENROLMENT)
                    .orElseThrow(AuthenticationRejection.MfaChallengeInvalid::new);
        }
        Account account = activeAccount(id);
        EnrolSecondFactorCommand command = new EnrolSecondFactorCommand(new SecondFactorId(id), account.role());
        if (enrolmentToken != null) {
            commands.sendAs(command, id, account.role());
        } else {
            commands.send(command);
        }
        return new Confirmed(account, newRecoveryCodes(id), enrolmentToken != null);
    }

    /** The owner switches the factor off, proving it with a current code; refused where it is mandatory. */
    void disable(Actor caller, String code, String clientAddress) {
        UUID id = caller.userId();
        SecondFactorStore.Stored stored = store.find(id).filter(SecondFactorStore.Stored::confirmed)
                .orElseThrow(MfaNotEnrolledException::new);
        if (properties.requiredFor(caller.role())) {
            throw new MfaMandatoryException();
        }
        LoginThrottle.Attempt attempt = attempt(id, clientAddress);
        if (!useCode(id, stored, code)) {
            throw new AuthenticationRejection.MfaCodeInvalid();
        }
        throttle.succeeded(attempt);
        commands.send(new DisableSecondFactorCommand(new SecondFactorId(id)));
    }

    /** An ADMIN removes another account's factor; every session of that account ends, it enrols again at login. */
    void reset(UUID accountId, Justification reason, Actor admin) {
        if (accountId.equals(admin.userId())) {
            throw new MfaSelfResetException();
        }
        if (!store.confirmed(accountId)) {
            throw new MfaNotEnrolledException();
        }
        commands.send(new ResetSecondFactorCommand(new SecondFactorId(accountId), reason));
        sessions.endAll(accountId);
    }

    /**
     * Enrols an account with a secret it already holds (the first ADMIN's, from the same secret store as its password),
     * without recovery codes; does nothing when the account already has a second factor.
     */
    @Override
    public void enrol(UUID accountId, Role role, String secret) {
        if (!Totp.acceptable(secret)) {
            throw new IllegalArgumentException("the TOTP secret must be Base32 (A-Z, 2-7) of at least "
                    + Totp.MIN_SECRET_BYTES * 8 + " bits");
        }
        if (store.confirmed(accountId) || !store.startPending(accountId, vault.seal(accountId, secret))) {
            return;
        }
        MetaData metaData = MetaData.with(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                .and(AuditMetadata.ROLE, Role.ADMIN.name())
                .and(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString());
        try {
            gateway.sendAndWait(new EnrolSecondFactorCommand(new SecondFactorId(accountId), role), metaData);
        } catch (RuntimeException e) {
            // Another replica starting at the same moment may have confirmed it first; that is success too.
            if (!store.confirmed(accountId)) {
                throw e;
            }
        }
    }

    private UUID owner(String enrolmentToken, Optional<Actor> caller) {
        if (enrolmentToken != null) {
            return challenges.peek(enrolmentToken, MfaChallenges.Purpose.ENROLMENT)
                    .orElseThrow(AuthenticationRejection.MfaChallengeInvalid::new);
        }
        return caller.map(Actor::userId).orElseThrow(AuthenticationRejection.MfaChallengeInvalid::new);
    }

    private Account activeAccount(UUID id) {
        Account account = accounts.findById(id).orElseThrow(AuthenticationRejection.MfaChallengeInvalid::new);
        if (!account.active()) {
            throw new AuthenticationRejection.AccountDeactivated();
        }
        return account;
    }

    private LoginThrottle.Attempt attempt(UUID accountId, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.acquire("MFA:" + accountId, clientAddress);
        if (attempt.refusedFor().isPresent()) {
            throw new AuthenticationRejection.TooManyMfaAttempts(attempt.refusedFor().get());
        }
        return attempt;
    }

    /** A code of the secret within the tolerance whose step is later than every step used before, now spent. */
    private boolean useCode(UUID accountId, SecondFactorStore.Stored stored, String code) {
        Optional<String> secret = vault.open(stored.secret());
        if (secret.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(secret.get(), code == null ? null : code.strip(), clock.instant());
        return step.isPresent() && store.useStep(accountId, step.getAsLong());
    }

    private List<String> newRecoveryCodes(UUID accountId) {
        List<String> codes = new ArrayList<>(properties.recoveryCodes());
        List<String> hashes = new ArrayList<>(properties.recoveryCodes());
        for (int i = 0; i < properties.recoveryCodes(); i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < RECOVERY_LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            codes.add(code.toString());
            hashes.add(recoveryHash(code.toString()));
        }
        store.replaceRecoveryCodes(accountId, hashes);
        return codes;
    }

    /** Dashes, spaces and case do not matter; anything that is not a plausible code hashes to nothing stored. */
    static String recoveryHash(String code) {
        String normalised = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void requireOneOf(String code, String recoveryCode) {
        if ((code == null) == (recoveryCode == null)) {
            FieldErrors errors = new FieldErrors();
            errors.reject(new InvalidValueException("mfa-code-required", "code",
                    "send exactly one of code (from the authenticator) and recoveryCode"));
            errors.throwIfAny();
        }
    }
}
