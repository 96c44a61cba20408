package br.com.healthmed.command.auth;

import br.com.healthmed.command.security.AccessTokenIssuer;
import br.com.healthmed.platform.security.RevokedAccessTokens;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Ends the logins of one account at once: their refresh families in Redis, and their access tokens through the shared
 * deny-list (docs/security.md, item 8), which both applications check on every request.
 */
@Component
public class Sessions {

    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revoked;
    private final AccessTokenIssuer accessTokens;

    Sessions(RefreshTokens refreshTokens, RevokedAccessTokens revoked, AccessTokenIssuer accessTokens) {
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.accessTokens = accessTokens;
    }

    /** Password reset, deactivation: every token of the account issued until now is refused, whatever its login. */
    public void endAll(UUID accountId) {
        revoked.revokeAccount(accountId, accessTokens.lifetime());
        refreshTokens.revokeFamiliesOf(accountId, Optional.empty());
    }

    /** Password change: every login of the account but the caller's own ends, refresh and access tokens alike. */
    public void endAllBut(UUID accountId, Optional<UUID> keptSession) {
        for (UUID ended : refreshTokens.revokeFamiliesOf(accountId, keptSession)) {
            revoked.revokeSession(ended, accessTokens.lifetime());
        }
    }
}
