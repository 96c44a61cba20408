package br.com.healthmed.query.patient;

import br.com.healthmed.query.privacy.PersonalDataReader;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Patients' names opened at read time, for the views that show them to the patient or to their doctor. */
@Component
public class PatientNames {

    private final MongoTemplate mongo;
    private final PersonalDataReader personalData;

    PatientNames(MongoTemplate mongo, PersonalDataReader personalData) {
        this.mongo = mongo;
        this.personalData = personalData;
    }

    /** Name per patient id; an erased, unreadable or not yet projected patient shows as erased. */
    public Map<String, String> of(Collection<String> patientIds) {
        List<String> ids = patientIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<PatientDocument> patients = mongo.find(Query.query(Criteria.where("_id").in(ids)), PatientDocument.class);
        Map<String, String> opened = personalData.openAll(patients.stream().map(PatientDocument::name).toList());
        Map<String, String> names = new HashMap<>();
        ids.forEach(id -> names.put(id, PersonalDataReader.ERASED));
        for (PatientDocument patient : patients) {
            if (!patient.erased() && patient.name() != null && opened.containsKey(patient.name())) {
                names.put(patient.id(), opened.get(patient.name()));
            }
        }
        return names;
    }
}
