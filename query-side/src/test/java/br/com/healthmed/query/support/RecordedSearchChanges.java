package br.com.healthmed.query.support;

import br.com.healthmed.query.doctor.SearchChanges;

import java.util.ArrayList;
import java.util.List;

/** Remembers which search changes the doctors projection announced, for projection tests without Redis. */
public final class RecordedSearchChanges implements SearchChanges {

    private final List<String> specialties = new ArrayList<>();
    private int all;

    @Override
    public synchronized void changed(String specialty) {
        specialties.add(specialty);
    }

    @Override
    public synchronized void changedAll() {
        all++;
    }

    public synchronized List<String> changedSpecialties() {
        return List.copyOf(specialties);
    }

    public synchronized int changedAllCount() {
        return all;
    }
}
