package br.com.healthmed.query.agenda;

/**
 * Told by the projections, right after they wrote, that a doctor's public agenda changed, so no cache keeps serving
 * the agenda as it was before.
 */
public interface AgendaChanges {

    void changed(String doctorId);

    /** A projection was reset: every cached agenda is void. */
    void forgetAll();
}
