package br.com.healthmed.query.patient;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What other views need about a patient: the name, still sealed, so that erasure takes effect at the next read. */
@Document(PatientDocument.COLLECTION)
record PatientDocument(@Id String id, String name, boolean erased) {

    static final String COLLECTION = "patients";
}
