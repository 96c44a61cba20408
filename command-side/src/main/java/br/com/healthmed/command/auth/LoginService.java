package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.command.account.Account;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.security.AccessToken;
import br.com.healthmed.command.security.AccessTokenIssuer;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.platform.security.RevokedAccessTokens;
import br.com.healthmed.platform.security.VerifiedAccessToken;
import br.com.healthmed.platform.stores.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Logins, refresh and logout: checks credentials, enforces the throttle and hands out token pairs. */
@Service
class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final AccountRegistry accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer accessTokens;
    private final RevokedAccessTokens revoked;
    private final MultiFactor multiFactor;
    /** Verified against when the login name is unknown, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    LoginService(AccountRegistry accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                 RefreshTokens refreshTokens, AccessTokenIssuer accessTokens, RevokedAccessTokens revoked,
                 MultiFactor multiFactor) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revoked = revoked;
        this.multiFactor = multiFactor;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    /** {@code login} is an e-mail, or a CPF with or without punctuation. */
    TokenPair patientLogin(String login, String password, String clientAddress) {
        LoginName name;
        if (login == null || login.isBlank()) {
            name = LoginName.malformed("PATIENT_LOGIN", "");
        } else {
            try {
                name = LoginName.of(Cpf.looksLikeCpf(login)
                        ? LoginIdentifier.patientCpf(new Cpf(login))
                        : LoginIdentifier.patientEmail(new Email(login)));
            } catch (InvalidValueException e) {
                name = LoginName.malformed("PATIENT_LOGIN", login);
            }
        }
        return login(name, password, Set.of(Role.PATIENT), clientAddress);
    }

    TokenPair doctorLogin(String crm, String uf, String password, String clientAddress) {
        LoginName name;
        try {
            name = LoginName.of(LoginIdentifier.doctorCrm(Crm.of(crm, uf)));
        } catch (InvalidValueException e) {
            name = LoginName.malformed("DOCTOR_CRM", crm + "/" + uf);
        }
        return login(name, password, Set.of(Role.DOCTOR), clientAddress);
    }

    /** Administrators and auditors share the staff login. */
    TokenPair staffLogin(String email, String password, String clientAddress) {
        LoginName name;
        try {
            name = LoginName.of(LoginIdentifier.staffEmail(new Email(email)));
        } catch (InvalidValueException e) {
            name = LoginName.malformed("STAFF_EMAIL", email);
        }
        return login(name, password, Set.of(Role.ADMIN, Role.AUDITOR), clientAddress);
    }

    private TokenPair login(LoginName name, String password, Set<Role> roles, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.acquire(name.throttleKey(), clientAddress);
        if (attempt.refusedFor().isPresent()) {
            throw AuthenticationRejection.tooManyAttempts(attempt.refusedFor().get());
        }
        Optional<Account> account;
        try {
            account = name.identifier().flatMap(accounts::findByIdentifier);
        } catch (RuntimeException failure) {
            // PostgreSQL away: no password was checked, so the attempt must not count as a failed login (after an
            // outage every account that retried would be locked out with 429).
            if (StoreFailures.unavailable(failure)) {
                throttle.abandoned(attempt);
            }
            throw failure;
        }
        // Exactly one Argon2 verification on every path: the time taken says nothing about whether the account exists.
        boolean passwordMatches;
        try {
            passwordMatches = passwordEncoder.matches(password == null ? "" : password,
                    account.map(Account::passwordHash).orElse(dummyHash));
        } catch (PasswordHashingBusyException busy) {
            throttle.abandoned(attempt);
            throw busy;
        }
        if (account.isEmpty() || !passwordMatches || !roles.contains(account.get().role())) {
            throw AuthenticationRejection.invalidCredentials();
        }
        throttle.succeeded(attempt);
        if (!account.get().active()) {
            throw new AuthenticationRejection.AccountDeactivated();
        }
        if (!account.get().confirmed()) {
            throw new AuthenticationRejection.EmailNotConfirmed();
        }
        multiFactor.challenge(account.get());
        return startSession(account.get());
    }

    /** A new login of the account: a refresh family and its first access token. */
    TokenPair startSession(Account account) {
        Actor actor = new Actor(account.accountId(), account.role());
        RefreshTokens.Started session = refreshTokens.startFamily(actor.userId());
        return new TokenPair(accessTokens.issue(actor, session.familyId()), session.token());
    }

    TokenPair refresh(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
        if (rotation.outcome() == RefreshTokens.Outcome.REUSED) {
            log.warn("refresh token reused: revoked login family {} of account {}", rotation.familyId(), rotation.accountId());
            // The thief may hold a fresh access token of this login too: it dies now, not in 15 minutes.
            revoked.revokeSession(rotation.familyId(), accessTokens.lifetime());
            throw AuthenticationRejection.refreshTokenReused();
        }
        if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
            throw AuthenticationRejection.refreshTokenInvalid();
        }
        Optional<Account> account = accounts.findById(rotation.accountId()).filter(Account::active);
        if (account.isEmpty()) {
            // The account was erased or deactivated after this login: nothing may be issued in its name any more.
            refreshTokens.revokeFamily(rotation.familyId());
            throw AuthenticationRejection.refreshTokenInvalid();
        }
        Actor actor = new Actor(account.get().accountId(), account.get().role());
        return new TokenPair(accessTokens.issue(actor, rotation.familyId()), rotation.next());
    }

    /**
     * Ends the login of {@code refreshToken}: its refresh family, and every access token of that session at once. The
     * access token the request carried, if any, is refused too (it may belong to a login without a session claim).
     */
    void logout(String refreshToken, Optional<VerifiedAccessToken> presented) {
        refreshTokens.revokeFamilyOf(refreshToken)
                .ifPresent(session -> revoked.revokeSession(session, accessTokens.lifetime()));
        presented.ifPresent(token -> revoked.revokeToken(token.tokenId(), token.expiresAt()));
    }

    /** A login name as the throttle sees it, plus the identifier to look up when it is well formed. */
    private record LoginName(String throttleKey, Optional<LoginIdentifier> identifier) {

        static LoginName of(LoginIdentifier identifier) {
            return new LoginName(identifier.kind().name() + ":" + identifier.normalizedValue(), Optional.of(identifier));
        }

        /** Malformed names are throttled too, so typos cannot be used to probe without limit. */
        static LoginName malformed(String kind, String raw) {
            return new LoginName(kind + ":" + String.valueOf(raw).strip().toLowerCase(Locale.ROOT), Optional.empty());
        }

        @Override
        public String toString() {
            return "LoginName[protected]";
        }
    }

    record TokenPair(AccessToken accessToken, String refreshToken) {

        @Override
        public String toString() {
            return "TokenPair[protected]";
        }
    }
}
