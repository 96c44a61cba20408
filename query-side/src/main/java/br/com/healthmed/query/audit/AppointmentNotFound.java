package br.com.healthmed.query.audit;

/** No such appointment, or none yet at the instant asked. */
class AppointmentNotFound extends RuntimeException {

    AppointmentNotFound() {
        super("appointment not found", null, false, false);
    }
}
