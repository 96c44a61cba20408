package br.com.healthmed.query.support;

import br.com.healthmed.query.agenda.AgendaChanges;

import java.util.ArrayList;
import java.util.List;

/** Remembers which doctors' agendas the projections declared changed, for projection tests without Redis. */
public final class RecordedAgendaChanges implements AgendaChanges {

    private final List<String> changed = new ArrayList<>();
    private int resets;

    @Override
    public synchronized void changed(String doctorId) {
        changed.add(doctorId);
    }

    @Override
    public synchronized void forgetAll() {
        resets++;
    }

    public synchronized List<String> changedDoctors() {
        return List.copyOf(changed);
    }

    public synchronized int resets() {
        return resets;
    }
}
