package br.com.healthmed.command.consultation;

import br.com.healthmed.command.consultation.Rooms.Room;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 11's "done when", in a real browser: two headless Chromium (Debian's chromium and chromium-driver, through
 * Selenium) with fake camera and microphone log in on the consultation page as the doctor and the patient of one
 * accepted appointment, the patient records consent there, both join, and each peer connection reaches
 * {@code connected} and receives video (inbound-rtp bytes growing).
 */
@IntegrationTest
@TestPropertySource(properties = "healthmed.consultation.room.opens-before=P2D")
class ConsultationBrowserIT {

    private static final String INBOUND_VIDEO_BYTES = """
            const done = arguments[arguments.length - 1];
            const pc = window.healthmedRoom.peerConnection();
            if (!pc) { done(-1); return; }
            pc.getStats().then(stats => {
              let bytes = 0;
              stats.forEach(report => {
                if (report.type === 'inbound-rtp' && report.kind === 'video') { bytes += report.bytesReceived; }
              });
              done(bytes);
            }).catch(() => done(-2));""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void doctor_and_patient_hold_a_video_consultation_through_the_page() {
        Path chromium = InstalledTool.require("chromium", "chromium");
        Path chromedriver = InstalledTool.require("chromedriver", "chromium-driver");
        Rooms rooms = new Rooms(new Api(port));
        Room room = rooms.requested(1);
        assertThat(new Api(port).post("/api/appointments/" + room.appointmentId() + "/accept")
                .token(room.doctor().accessToken()).send().status()).isEqualTo(200);
        String page = "http://localhost:" + port + "/consulta/?consulta=" + room.appointmentId();

        WebDriver doctor = browser(chromium, chromedriver);
        doctor.get(page);
        doctor.findElement(By.cssSelector("input[name=kind][value=doctor]")).click();
        doctor.findElement(By.id("doctor-crm")).sendKeys(String.valueOf(room.doctor().registration().get("crm")));
        doctor.findElement(By.id("doctor-uf")).sendKeys(String.valueOf(room.doctor().registration().get("uf")));
        doctor.findElement(By.id("doctor-password")).sendKeys(TestData.PASSWORD);
        doctor.findElement(By.id("doctor-submit")).click();
        awaitVisible(doctor, "join").click();

        WebDriver patient = browser(chromium, chromedriver);
        patient.get(page);
        patient.findElement(By.id("patient-login")).sendKeys(String.valueOf(room.patient().registration().get("email")));
        patient.findElement(By.id("patient-password")).sendKeys(TestData.PASSWORD);
        patient.findElement(By.id("patient-submit")).click();
        awaitVisible(patient, "consent-check").click();
        patient.findElement(By.id("consent-button")).click();
        awaitVisible(patient, "join").click();

        for (WebDriver side : List.of(doctor, patient)) {
            await("the peer connection is connected", Duration.ofSeconds(60),
                    () -> "connected".equals(script(side, "const pc = window.healthmedRoom.peerConnection();"
                            + " return pc ? pc.connectionState : null;")));
            assertThat(side.findElement(By.id("state")).getText()).isEqualTo("conectado");
        }
        for (WebDriver side : List.of(doctor, patient)) {
            long before = inboundVideoBytes(side);
            await("video frames keep arriving", Duration.ofSeconds(20), () -> inboundVideoBytes(side) > before);
            assertThat(before).as("video was already flowing").isPositive();
        }

        List<String> recorded = jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, room.appointmentId().toString());
        assertThat(recorded).as("the doctor entered first; the patient consented on the page, then entered")
                .containsSubsequence("healthmed.appointment.ConsultationStarted",
                        "healthmed.appointment.ParticipantJoined", "healthmed.appointment.ConsultationConsentRecorded",
                        "healthmed.appointment.ParticipantJoined");
    }

    private WebDriver browser(Path chromium, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns",
                // Two browsers on one machine: loopback is a usable path (CI machines may have no other interface).
                "--allow-loopback-in-peer-connection",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        browsers.add(driver);
        return driver;
    }

    private static org.openqa.selenium.WebElement awaitVisible(WebDriver browser, String id) {
        await("#" + id + " is shown", Duration.ofSeconds(20), () -> {
            List<org.openqa.selenium.WebElement> found = browser.findElements(By.id(id));
            return !found.isEmpty() && found.getFirst().isDisplayed();
        });
        return browser.findElement(By.id(id));
    }

    private static long inboundVideoBytes(WebDriver browser) {
        Object bytes = ((JavascriptExecutor) browser).executeAsyncScript(INBOUND_VIDEO_BYTES);
        return ((Number) bytes).longValue();
    }

    private static Object script(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        Instant giveUp = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(giveUp)) {
                fail("waited %s for: %s", timeout, what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
