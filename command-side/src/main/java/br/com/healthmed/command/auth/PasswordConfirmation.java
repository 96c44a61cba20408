package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.patient.CurrentPasswordIncorrectException;
import br.com.healthmed.command.ratelimit.TooManyPasswordAttemptsException;
import br.com.healthmed.command.security.PasswordHashingBusyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The current password asked again before an irreversible act (erasure). Every path that answers "wrong password" is a
 * way to guess it, for whoever holds a stolen access token, so wrong answers are throttled like logins, per account and
 * client address, under a name of their own.
 */
@Component
public class PasswordConfirmation {

    private final AccountRegistry accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;

    PasswordConfirmation(AccountRegistry accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
    }

    /**
     * Returns when {@code password} is the current password of the account {@code accountId} of {@code role};
     * throws {@link CurrentPasswordIncorrectException} otherwise, and {@link TooManyPasswordAttemptsException} without
     * checking once this account and address guessed wrong too often.
     *
     * @param purpose names the act, so its failures are counted apart from logins and password changes
     */
    public void confirm(String purpose, UUID accountId, Role role, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.acquire(purpose + ":" + accountId, clientAddress);
        if (attempt.refusedFor().isPresent()) {
            throw new TooManyPasswordAttemptsException(attempt.refusedFor().get());
        }
        boolean confirmed;
        try {
            confirmed = accounts.findById(accountId)
                    .filter(account -> account.role() == role)
                    .map(account -> passwordEncoder.matches(password, account.passwordHash()))
                    .orElse(false);
        } catch (PasswordHashingBusyException busy) {
            throttle.abandoned(attempt);
            throw busy;
        }
        if (!confirmed) {
            throw new CurrentPasswordIncorrectException();
        }
        throttle.succeeded(attempt);
    }
}
