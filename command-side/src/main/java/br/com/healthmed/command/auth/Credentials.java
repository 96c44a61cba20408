package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.command.account.Account;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.patient.CurrentPasswordIncorrectException;
import br.com.healthmed.command.web.FieldErrors;
import br.com.healthmed.command.web.PasswordInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Password change by its owner and password reset by e-mail (ADR 0020). Both set a hash through the same policy as a
 * registration ({@link PasswordInput}); a change ends every other login of the account, a reset every login.
 */
@Service
class Credentials {

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);

    private final AccountRegistry accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordInput passwords;
    private final LoginThrottle throttle;
    private final PasswordResetTokens resetTokens;
    private final PasswordResetProperties resetProperties;
    private final ObjectProvider<PasswordResetMail> resetMail;
    private final Sessions sessions;

    Credentials(AccountRegistry accounts, PasswordEncoder passwordEncoder, PasswordInput passwords, LoginThrottle throttle,
                PasswordResetTokens resetTokens, PasswordResetProperties resetProperties,
                ObjectProvider<PasswordResetMail> resetMail, Sessions sessions) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.passwords = passwords;
        this.throttle = throttle;
        this.resetTokens = resetTokens;
        this.resetProperties = resetProperties;
        this.resetMail = resetMail;
        this.sessions = sessions;
    }

    /**
     * The caller proves the current password again: an access token alone must not be enough to take the account over.
     * Wrong guesses are throttled like logins, under a name of their own.
     */
    void change(UUID accountId, Optional<UUID> keptSession, String currentPassword, String newPassword,
                String clientAddress) {
        FieldErrors errors = new FieldErrors();
        String accepted = passwords.check(newPassword, errors);
        errors.throwIfAny();
        LoginThrottle.Attempt attempt = throttle.acquire("PASSWORD_CHANGE:" + accountId, clientAddress);
        if (attempt.refusedFor().isPresent()) {
            throw new AuthenticationRejection.PasswordChangesTooFrequent(attempt.refusedFor().get());
        }
        boolean confirmed = accounts.findById(accountId)
                .filter(Account::active)
                .map(account -> passwordEncoder.matches(currentPassword == null ? "" : currentPassword, account.passwordHash()))
                .orElse(false);
        if (!confirmed) {
            throw new CurrentPasswordIncorrectException();
        }
        throttle.succeeded(attempt);
        accounts.changePassword(accountId, passwords.hash(accepted));
        sessions.endAllBut(accountId, keptSession);
    }

    void requestPatientReset(String email, String clientAddress) {
        requestReset(LoginIdentifier.patientEmail(new Email(email)), Set.of(Role.PATIENT), clientAddress);
    }

    void requestDoctorReset(String crm, String uf, String clientAddress) {
        requestReset(LoginIdentifier.doctorCrm(Crm.of(crm, uf)), Set.of(Role.DOCTOR), clientAddress);
    }

    /** ADMIN and AUDITOR accounts log in with the same e-mail, so they ask for a reset with it too (ADR 0029). */
    void requestStaffReset(String email, String clientAddress) {
        requestReset(LoginIdentifier.staffEmail(new Email(email)), Set.of(Role.ADMIN, Role.AUDITOR), clientAddress);
    }

    /**
     * The same answer, and nearly the same work, whether or not the account exists: the token is made and the mail
     * queued only for an active account of that kind, and the mail leaves on another thread.
     */
    private void requestReset(LoginIdentifier login, Set<Role> roles, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.acquire("PASSWORD_RESET:" + login.kind().name() + ":"
                + login.normalizedValue(), clientAddress);
        if (attempt.refusedFor().isPresent()) {
            throw new AuthenticationRejection.TooManyResetRequests(attempt.refusedFor().get());
        }
        Optional<Account> account = accounts.findByIdentifier(login)
                .filter(found -> found.active() && roles.contains(found.role()));
        if (account.isEmpty()) {
            return;
        }
        PasswordResetMail mail = resetMail.getIfAvailable();
        if (mail == null) {
            log.warn("A password reset was asked for, but no SMTP server is configured (spring.mail.host): nothing sent");
            return;
        }
        UUID accountId = account.get().accountId();
        mail.send(accountId, resetTokens.issue(accountId), resetProperties.tokenLifetime());
    }

    /** Checks the new password before spending the token, so a refused password leaves the link usable. */
    void reset(String token, String newPassword) {
        FieldErrors errors = new FieldErrors();
        String accepted = passwords.check(newPassword, errors);
        errors.throwIfAny();
        UUID accountId = resetTokens.consume(token)
                .filter(id -> accounts.findById(id).filter(Account::active).isPresent())
                .orElseThrow(AuthenticationRejection.ResetTokenInvalid::new);
        accounts.changePassword(accountId, passwords.hash(accepted));
        sessions.endAll(accountId);
    }
}
