package br.com.healthmed.query.consistency;

/** The processor has no parked event with that id (already retried, evicted, or never there). */
class DeadLetterNotFoundException extends RuntimeException {

    DeadLetterNotFoundException(String processor, String letterId) {
        super("no dead letter '" + letterId + "' in projection '" + processor + "'", null, false, false);
    }
}
