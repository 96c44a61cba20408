package br.com.healthmed.query.patient;

/** The patient's personal data was erased (their key shredded): there is nothing personal left to export. */
class PersonalDataErasedException extends RuntimeException {

    PersonalDataErasedException() {
        super("your personal data was erased; nothing personal about you is held any more", null, false, false);
    }
}
