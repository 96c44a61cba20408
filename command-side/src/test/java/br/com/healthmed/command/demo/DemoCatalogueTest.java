package br.com.healthmed.command.demo;

import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.schedule.WeeklyPattern;
import br.com.healthmed.command.demo.DemoCatalogue.DemoDoctor;
import br.com.healthmed.command.demo.DemoCatalogue.DemoPatient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static br.com.healthmed.command.demo.DemoCatalogue.DOCTORS;
import static br.com.healthmed.command.demo.DemoCatalogue.PATIENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class DemoCatalogueTest {

    @Test
    void there_are_at_least_20_doctors_across_8_specialties_and_2_time_zones() {
        assertThat(DOCTORS).hasSizeGreaterThanOrEqualTo(20);
        assertThat(DOCTORS.stream().map(DemoDoctor::specialty).distinct()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(DOCTORS.stream().map(DemoDoctor::zone).distinct()).hasSizeGreaterThanOrEqualTo(2)
                .contains(ZoneId.of("America/Sao_Paulo"), ZoneId.of("America/Manaus"));
    }

    @Test
    void every_doctor_passes_the_value_objects_of_registration() {
        DOCTORS.forEach(doctor -> assertThatCode(() -> {
            doctor.crm();
            doctor.personName();
            doctor.emailAddress();
            doctor.consultationPrice();
            doctor.zone();
        }).as(doctor.name()).doesNotThrowAnyException());
    }

    @Test
    void crms_ids_and_e_mails_are_unique() {
        assertThat(DOCTORS.stream().map(DemoDoctor::crm).collect(Collectors.toSet())).hasSameSizeAs(DOCTORS);
        assertThat(DOCTORS.stream().map(DemoDoctor::id).collect(Collectors.toSet())).hasSameSizeAs(DOCTORS);
        assertThat(DOCTORS.stream().map(DemoDoctor::email).collect(Collectors.toSet())).hasSameSizeAs(DOCTORS);
        assertThat(PATIENTS.stream().map(DemoPatient::email).collect(Collectors.toSet())).hasSameSizeAs(PATIENTS);
        assertThat(PATIENTS.stream().map(DemoPatient::cpf).collect(Collectors.toSet())).hasSameSizeAs(PATIENTS);
    }

    @Test
    void there_are_three_patients_with_valid_cpfs_e_mails_and_phones() {
        assertThat(PATIENTS).hasSize(3);
        PATIENTS.forEach(patient -> assertThatCode(() -> {
            patient.cpf();
            patient.personName();
            patient.emailAddress();
            patient.phoneNumber();
        }).as(patient.name()).doesNotThrowAnyException());
    }

    @Test
    void cpf_check_digits_are_computed_like_the_receita_federal_does() {
        assertThat(DemoCatalogue.withCheckDigits("111444777")).isEqualTo("11144477735");
        assertThat(DemoCatalogue.withCheckDigits("529982247")).isEqualTo("52998224725");
        assertThat(new Cpf(DemoCatalogue.withCheckDigits("390533447")).digits()).isEqualTo("39053344705");
    }

    @Test
    void each_weekly_pattern_starts_tomorrow_covers_14_days_and_has_slots_of_10_to_240_minutes() {
        LocalDate today = LocalDate.of(2026, 3, 2);
        for (DemoDoctor doctor : DOCTORS) {
            WeeklyPattern pattern = doctor.pattern(today, 14);

            assertThat(pattern.fromDate()).isEqualTo(today.plusDays(1));
            assertThat(pattern.toDate()).isEqualTo(today.plusDays(14));
            assertThat(pattern.slotMinutes()).isBetween(10, 240);
            assertThat(Duration.between(pattern.startTime(), pattern.endTime()).toMinutes())
                    .as(doctor.name() + " publishes at least one slot a day")
                    .isGreaterThanOrEqualTo(pattern.slotMinutes());
        }
    }

    @Test
    void the_first_doctor_is_the_marker_and_keeps_a_stable_id() {
        DemoDoctor marker = DOCTORS.getFirst();

        assertThat(marker.crm()).isEqualTo(Crm.of("123456", "SP"));
        assertThat(marker.id().value().version()).as("name-based UUID, derived from the CRM").isEqualTo(3);
    }

    @Test
    void run_sh_and_readme_print_the_logins_of_this_catalogue() throws IOException {
        List<String> logins = new ArrayList<>(List.of(DemoCatalogue.DOCTOR_PASSWORD, DemoCatalogue.PATIENT_PASSWORD));
        for (DemoPatient patient : PATIENTS) {
            logins.add(patient.email());
            logins.add(formatted(patient.cpf()));
        }
        DemoDoctor first = DOCTORS.getFirst();

        assertThat(read("run.sh")).contains(logins).contains(first.crmNumber() + "/" + first.uf());
        assertThat(read("README.md")).contains(logins)
                .contains(DOCTORS.stream().map(d -> "| " + d.crmNumber() + " | " + d.uf() + " | " + d.name() + " |").toList());
    }

    private static String formatted(Cpf cpf) {
        String d = cpf.digits();
        return d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6, 9) + "-" + d.substring(9);
    }

    /** A file at the repository root; Surefire runs in the module directory, one level below. */
    private static String read(String file) throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve(file)) ? here : here.getParent();
        return Files.readString(root.resolve(file));
    }
}
