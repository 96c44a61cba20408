package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.staff.DeactivateStaffMemberCommand;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LastActiveAdminException;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.TestData;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9, item 11: an ADMIN deactivates an AUDITOR or another ADMIN; the account's sessions end and it cannot log in
 * until reactivated; nobody deactivates themself, and the last active ADMIN stays. A context of its own, since the last
 * test deactivates the configured administrator that other tests log in as.
 */
@IntegrationTest
@TestPropertySource(properties = "healthmed.test.context=staff-deactivation")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffDeactivationIT {

    private static final String REASON = "Deixou a equipe da Health&Med";

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    AccountRegistry accounts;

    Api api;
    Scenario scenario;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
    }

    @Test
    @Order(1)
    void an_admin_deactivates_an_auditor_whose_sessions_end_and_who_cannot_log_in_until_reactivated() {
        String admin = scenario.adminToken();
        Scenario.EnrolledStaff session = scenario.auditor();
        UUID auditor = session.id();
        Map<String, Object> login = Map.of("email", session.email(), "password", TestData.PASSWORD);

        assertProblem(api.post("/api/admin/staff/" + auditor + "/deactivation").token(admin).body(Map.of()).send(),
                400, "reason-required");
        assertThat(api.post("/api/admin/staff/" + auditor + "/deactivation").token(admin)
                .body(Map.of("reason", REASON)).send().status()).isEqualTo(204);

        assertProblem(api.post("/api/auth/password").token(session.accessToken())
                .body(Map.of("currentPassword", TestData.PASSWORD, "newPassword", "another long password")).send(),
                401, "token-revoked");
        assertProblem(api.post("/api/auth/refresh").body(Map.of("refreshToken", session.refreshToken())).send(),
                401, "refresh-token-invalid");
        assertProblem(api.post("/api/auth/admin/login").body(login).send(), 403, "account-deactivated");

        assertThat(api.post("/api/admin/staff/" + auditor + "/reactivation").token(admin).send().status()).isEqualTo(204);
        assertProblem(api.post("/api/auth/admin/login").body(login).send(), 401, "mfa-required");
    }

    @Test
    @Order(2)
    void an_admin_cannot_deactivate_their_own_account_and_an_unknown_or_other_kind_of_account_is_not_found() {
        String admin = scenario.adminToken();
        UUID self = configuredAdmin();

        assertProblem(api.post("/api/admin/staff/" + self + "/deactivation").token(admin).body(Map.of("reason", REASON))
                .send(), 409, "staff-self-deactivation");
        assertThat(api.post("/api/admin/staff/" + UUID.randomUUID() + "/deactivation").token(admin)
                .body(Map.of("reason", REASON)).send().status()).isEqualTo(404);
        UUID doctor = scenario.unverifiedDoctor().id();
        UUID patient = scenario.patient().id();
        assertThat(api.post("/api/admin/staff/" + doctor + "/deactivation").token(admin)
                .body(Map.of("reason", REASON)).send().status()).as("a doctor is no staff member").isEqualTo(404);
        assertThat(api.post("/api/admin/doctors/" + patient + "/deactivation").token(admin)
                .body(Map.of("reason", REASON)).send().status()).as("a patient is no doctor").isEqualTo(404);
        assertProblem(api.post("/api/auth/admin/login").body(Map.of("email", Scenario.ADMIN_EMAIL, "password",
                Scenario.ADMIN_PASSWORD)).send(), 401, "mfa-required");
    }

    /**
     * Over HTTP the last active ADMIN can only be the caller (refused as self-deactivation first), unless a request
     * passed its token check just before its caller was deactivated: that is the command sent here, and the database
     * rule refuses it.
     */
    @Test
    @Order(3)
    void one_admin_deactivates_another_but_the_last_active_admin_stays() {
        UUID first = configuredAdmin();
        String secondEmail = TestData.uniqueEmail("admin");
        StaffId second = StaffId.random();
        commandGateway.sendAndWait(new RegisterStaffMemberCommand(second, Role.ADMIN, new PersonName("Segunda Admin"),
                new Email(secondEmail), new PasswordHash(passwordEncoder.encode(TestData.PASSWORD))), by(UUID.randomUUID()));
        Scenario.EnrolledStaff secondLogin = scenario.enrolAtFirstLogin(secondEmail, TestData.PASSWORD);

        assertThat(api.post("/api/admin/staff/" + first + "/deactivation").token(secondLogin.accessToken())
                .body(Map.of("reason", REASON)).send().status()).isEqualTo(204);
        assertProblem(api.post("/api/auth/admin/login").body(Map.of("email", Scenario.ADMIN_EMAIL, "password",
                Scenario.ADMIN_PASSWORD)).send(), 403, "account-deactivated");

        assertThatThrownBy(() -> commandGateway.sendAndWait(
                new DeactivateStaffMemberCommand(second, Justification.of(REASON, "reason")), by(first)))
                .hasRootCauseInstanceOf(LastActiveAdminException.class);
        assertThat(accounts.findById(second.value())).hasValueSatisfying(account -> assertThat(account.active()).isTrue());
    }

    private UUID configuredAdmin() {
        return accounts.findByIdentifier(LoginIdentifier.staffEmail(new Email(Scenario.ADMIN_EMAIL))).orElseThrow().accountId();
    }

    private static MetaData by(UUID admin) {
        return MetaData.with(AuditMetadata.USER_ID, admin.toString()).and(AuditMetadata.ROLE, Role.ADMIN.name())
                .and(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString());
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }
}
