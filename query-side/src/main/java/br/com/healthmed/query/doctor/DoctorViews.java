package br.com.healthmed.query.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.query.privacy.PersonalDataReader;

import java.time.OffsetDateTime;

/** The JSON shapes of the doctor endpoints. */
final class DoctorViews {

    private DoctorViews() {
    }

    record SpecialtyView(String code, String name, long doctorCount) {
    }

    record SpecialtyRef(String code, String name) {
        static SpecialtyRef of(String code) {
            Specialty specialty = Specialty.valueOf(code);
            return new SpecialtyRef(specialty.name(), specialty.displayName());
        }
    }

    record DoctorView(
            String id,
            String name,
            String crmNumber,
            String crmUf,
            SpecialtyRef specialty,
            Money price,
            String timeZone,
            OffsetDateTime nextFreeSlot) {

        static DoctorView of(DoctorDocument doctor) {
            var zone = Doctors.zone(doctor);
            return new DoctorView(doctor.id(),
                    doctor.name() == null ? PersonalDataReader.ERASED : doctor.name(),
                    doctor.crmNumber() == null ? PersonalDataReader.ERASED : doctor.crmNumber(),
                    doctor.crmUf(),
                    SpecialtyRef.of(doctor.specialty()),
                    Doctors.price(doctor),
                    doctor.timeZone(),
                    doctor.nextFreeSlot() == null ? null : doctor.nextFreeSlot().atZone(zone).toOffsetDateTime());
        }
    }
}
