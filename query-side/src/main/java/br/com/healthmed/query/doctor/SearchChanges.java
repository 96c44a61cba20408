package br.com.healthmed.query.doctor;

/**
 * Told by whatever writes the doctors view, right after it wrote, which search answers may have changed, so that no
 * cache keeps serving a search as it was before (ADR 0035).
 */
public interface SearchChanges {

    /**
     * A listed doctor of this specialty changed only in what time and slots move (the next free slot): the searches
     * that could show a doctor of this specialty changed, those by other specialties did not.
     */
    void changed(String specialty);

    /** Anything may have changed: a doctor listed or unlisted, a profile or a price, a reset of the view. */
    void changedAll();
}
