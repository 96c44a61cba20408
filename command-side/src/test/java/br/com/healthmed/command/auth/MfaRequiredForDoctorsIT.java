package br.com.healthmed.command.auth;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.testing.TotpCodes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The switch HEALTHMED_SECURITY_MFA_REQUIRED_FOR_DOCTORS on: doctors enrol at the next login and keep the factor. */
@IntegrationTest
@TestPropertySource(properties = "healthmed.security.mfa.required-for-doctors=true")
class MfaRequiredForDoctorsIT {

    @LocalServerPort
    int port;

    @Test
    void a_doctor_must_enrol_at_login_and_cannot_switch_the_factor_off_while_patients_log_in_as_before() {
        Api api = new Api(port);
        Map<String, Object> registration = TestData.doctor(TestData.crmNumber(), "SP");
        assertThat(api.post("/api/doctors").body(registration).send().status()).isEqualTo(201);
        Map<String, Object> credentials = Map.of("crm", registration.get("crm"), "uf", "SP", "password", TestData.PASSWORD);

        Api.Response login = api.post("/api/auth/doctor/login").body(credentials).send();
        assertThat(login.status()).as(login.toString()).isEqualTo(401);
        assertThat(login.code()).isEqualTo("mfa-enrolment-required");
        String enrolmentToken = login.text("enrolmentToken");
        String secret = api.post("/api/auth/mfa/enrolment").body(Map.of("enrolmentToken", enrolmentToken)).send()
                .text("secret");
        Api.Response confirmed = api.post("/api/auth/mfa/enrolment/confirm")
                .body(Map.of("enrolmentToken", enrolmentToken, "code", TotpCodes.nextCode(secret))).send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);

        Api.Response disabled = api.post("/api/auth/mfa/disable").token(confirmed.text("accessToken"))
                .body(Map.of("code", TotpCodes.nextCode(secret))).send();
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(403);
        assertThat(disabled.code()).isEqualTo("mfa-mandatory");
        assertThat(api.post("/api/auth/doctor/login").body(credentials).send().code()).isEqualTo("mfa-required");

        assertThat(new Scenario(api).patient().accessToken()).as("patients are not concerned").isNotBlank();
    }
}
