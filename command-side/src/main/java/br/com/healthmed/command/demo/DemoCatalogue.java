package br.com.healthmed.command.demo;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Phone;
import br.com.healthmed.api.doctor.BrazilianTimeZones;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.WeeklyPattern;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

/**
 * The demo data of {@code ./run.sh}, in one place: run.sh and README print the same logins, and
 * {@code DemoCatalogueTest} fails when they drift apart. The passwords are public on purpose; they only ever open
 * these demo accounts, which exist only where {@code healthmed.demo.seed=true}.
 */
final class DemoCatalogue {

    static final String DOCTOR_PASSWORD = "demo-doctor-2026";
    static final String PATIENT_PASSWORD = "demo-patient-2026";

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(MONDAY, FRIDAY);

    /** A doctor and the weekly agenda they publish, in their own time zone. */
    record DemoDoctor(String name, String crmNumber, String uf, String email, Specialty specialty, String price,
                      String timeZone, Set<DayOfWeek> weekdays, LocalTime start, LocalTime end, int slotMinutes) {

        /** Stable across runs, so that demo ids can be written down. */
        DoctorId id() {
            return new DoctorId(UUID.nameUUIDFromBytes(("healthmed-demo:doctor:" + crm()).getBytes(StandardCharsets.UTF_8)));
        }

        Crm crm() {
            return Crm.of(crmNumber, uf);
        }

        PersonName personName() {
            return new PersonName(name);
        }

        Email emailAddress() {
            return Email.of(email);
        }

        Money consultationPrice() {
            return Money.consultationPrice(new BigDecimal(price));
        }

        ZoneId zone() {
            return BrazilianTimeZones.parse(timeZone);
        }

        /** The agenda from the day after {@code today} (in the doctor's zone) through {@code days} days ahead. */
        WeeklyPattern pattern(LocalDate today, int days) {
            return new WeeklyPattern(weekdays, start, end, slotMinutes, today.plusDays(1), today.plusDays(days));
        }
    }

    record DemoPatient(String name, String email, String cpfBase, String phone, LocalDate birthDate) {

        PatientId id() {
            return new PatientId(UUID.nameUUIDFromBytes(("healthmed-demo:patient:" + email).getBytes(StandardCharsets.UTF_8)));
        }

        PersonName personName() {
            return new PersonName(name);
        }

        Email emailAddress() {
            return Email.of(email);
        }

        Cpf cpf() {
            return new Cpf(withCheckDigits(cpfBase));
        }

        Phone phoneNumber() {
            return new Phone(phone);
        }
    }

    /** The first doctor is also the marker: when their CRM is registered, the demo data is already there. */
    static final List<DemoDoctor> DOCTORS = List.of(
            doctor("Ana Beatriz Carvalho", "123456", "SP", "ana.carvalho", Specialty.CARDIOLOGIA, "350.00",
                    "America/Sao_Paulo", WEEKDAYS, "08:00", "12:00", 30),
            doctor("Rafael Nogueira Lima", "54321", "AM", "rafael.lima", Specialty.CARDIOLOGIA, "300.00",
                    "America/Manaus", EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), "13:00", "17:00", 30),
            doctor("Juliana Pereira Santos", "87654", "RJ", "juliana.santos", Specialty.DERMATOLOGIA, "280.00",
                    "America/Sao_Paulo", EnumSet.of(TUESDAY, THURSDAY), "09:00", "13:00", 20),
            doctor("Marcos Vinícius Almeida", "23456", "PE", "marcos.almeida", Specialty.DERMATOLOGIA, "250.00",
                    "America/Recife", WEEKDAYS, "14:00", "18:00", 30),
            doctor("Camila Rodrigues Ferreira", "34567", "MG", "camila.ferreira", Specialty.PEDIATRIA, "220.00",
                    "America/Sao_Paulo", WEEKDAYS, "08:00", "11:00", 20),
            doctor("Thiago Barbosa Costa", "45678", "CE", "thiago.costa", Specialty.PEDIATRIA, "200.00",
                    "America/Fortaleza", EnumSet.range(MONDAY, SATURDAY), "08:00", "11:00", 30),
            doctor("Fernanda Oliveira Martins", "56789", "RS", "fernanda.martins", Specialty.PSIQUIATRIA, "400.00",
                    "America/Sao_Paulo", EnumSet.range(MONDAY, THURSDAY), "13:00", "19:00", 60),
            doctor("Lucas Gomes Ribeiro", "67890", "BA", "lucas.ribeiro", Specialty.PSIQUIATRIA, "380.00",
                    "America/Bahia", EnumSet.range(TUESDAY, FRIDAY), "09:00", "13:00", 50),
            doctor("Patrícia Souza Araújo", "78901", "PR", "patricia.araujo", Specialty.GINECOLOGIA_E_OBSTETRICIA, "300.00",
                    "America/Sao_Paulo", WEEKDAYS, "14:00", "17:00", 30),
            doctor("Gabriel Mendes Rocha", "89012", "PA", "gabriel.rocha", Specialty.GINECOLOGIA_E_OBSTETRICIA, "260.00",
                    "America/Belem", EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), "08:00", "12:00", 40),
            doctor("Larissa Cardoso Dias", "90123", "SC", "larissa.dias", Specialty.ORTOPEDIA_E_TRAUMATOLOGIA, "320.00",
                    "America/Sao_Paulo", EnumSet.of(TUESDAY, THURSDAY), "13:00", "18:00", 30),
            doctor("Bruno Teixeira Moreira", "11223", "MT", "bruno.moreira", Specialty.ORTOPEDIA_E_TRAUMATOLOGIA, "290.00",
                    "America/Cuiaba", WEEKDAYS, "07:30", "11:30", 30),
            doctor("Mariana Castro Pinto", "22334", "DF", "mariana.pinto", Specialty.ENDOCRINOLOGIA_E_METABOLOGIA, "330.00",
                    "America/Sao_Paulo", EnumSet.of(MONDAY, WEDNESDAY), "09:00", "15:00", 45),
            doctor("Felipe Cavalcanti Freitas", "33445", "AL", "felipe.freitas", Specialty.ENDOCRINOLOGIA_E_METABOLOGIA, "270.00",
                    "America/Maceio", WEEKDAYS, "14:00", "17:00", 30),
            doctor("Beatriz Monteiro Lopes", "44556", "GO", "beatriz.lopes", Specialty.NEUROLOGIA, "360.00",
                    "America/Sao_Paulo", EnumSet.of(TUESDAY, WEDNESDAY, THURSDAY), "08:00", "12:00", 40),
            doctor("André Luiz Vieira", "55667", "MS", "andre.vieira", Specialty.NEUROLOGIA, "340.00",
                    "America/Campo_Grande", EnumSet.of(MONDAY, FRIDAY), "13:00", "18:00", 60),
            doctor("Letícia Ramos Correia", "66778", "SP", "leticia.correia", Specialty.MEDICINA_DE_FAMILIA_E_COMUNIDADE, "180.00",
                    "America/Sao_Paulo", WEEKDAYS, "08:00", "12:00", 20),
            doctor("Pedro Henrique Azevedo", "77889", "RO", "pedro.azevedo", Specialty.MEDICINA_DE_FAMILIA_E_COMUNIDADE, "160.00",
                    "America/Porto_Velho", EnumSet.range(MONDAY, SATURDAY), "07:00", "11:00", 30),
            doctor("Isabela Duarte Nunes", "88990", "ES", "isabela.nunes", Specialty.CLINICA_MEDICA, "200.00",
                    "America/Sao_Paulo", WEEKDAYS, "13:00", "17:00", 30),
            doctor("Rodrigo Farias Batista", "99001", "AC", "rodrigo.batista", Specialty.CLINICA_MEDICA, "190.00",
                    "America/Rio_Branco", EnumSet.of(MONDAY, TUESDAY, THURSDAY), "08:00", "12:00", 30),
            doctor("Carolina Melo Fernandes", "10112", "RN", "carolina.fernandes", Specialty.OFTALMOLOGIA, "250.00",
                    "America/Fortaleza", EnumSet.of(WEDNESDAY, FRIDAY), "09:00", "12:00", 20),
            doctor("Eduardo Tavares Cunha", "21223", "RR", "eduardo.cunha", Specialty.OFTALMOLOGIA, "240.00",
                    "America/Boa_Vista", WEEKDAYS, "14:00", "16:00", 20),
            doctor("Helena Machado Barros", "32334", "SP", "helena.barros", Specialty.GERIATRIA, "310.00",
                    "America/Sao_Paulo", EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), "08:00", "12:00", 60),
            doctor("João Paulo Siqueira", "43445", "PB", "joao.siqueira", Specialty.GERIATRIA, "280.00",
                    "America/Fortaleza", EnumSet.of(TUESDAY, THURSDAY), "14:00", "18:00", 40));

    static final List<DemoPatient> PATIENTS = List.of(
            new DemoPatient("Maria Eduarda Silva", "maria.silva@demo.healthmed.local", "390533447", "11987654321",
                    LocalDate.of(1988, 3, 14)),
            new DemoPatient("José Carlos Oliveira", "jose.oliveira@demo.healthmed.local", "714602380", "92991234567",
                    LocalDate.of(1975, 11, 2)),
            new DemoPatient("Luana Ferreira Costa", "luana.costa@demo.healthmed.local", "286455198", "81988887777",
                    LocalDate.of(1999, 7, 21)));

    /** The two parties of the demo consultation booked on every start (DemoDataSeeder), whose logins run.sh prints. */
    static final DemoDoctor CONSULTATION_DOCTOR = DOCTORS.getFirst();
    static final DemoPatient CONSULTATION_PATIENT = PATIENTS.getFirst();

    private DemoCatalogue() {
    }

    private static DemoDoctor doctor(String name, String crmNumber, String uf, String mailbox, Specialty specialty,
                                     String price, String timeZone, Set<DayOfWeek> weekdays, String start, String end,
                                     int slotMinutes) {
        return new DemoDoctor(name, crmNumber, uf, mailbox + "@demo.healthmed.local", specialty, price, timeZone,
                Set.copyOf(weekdays), LocalTime.parse(start), LocalTime.parse(end), slotMinutes);
    }

    /** Appends the two CPF check digits (mod-11 weights 10..2, then 11..2) to nine base digits. */
    static String withCheckDigits(String nineDigits) {
        if (!nineDigits.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("a CPF base has nine digits");
        }
        String withFirst = nineDigits + checkDigit(nineDigits);
        return withFirst + checkDigit(withFirst);
    }

    private static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(i) - '0') * (digits.length() + 1 - i);
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}
