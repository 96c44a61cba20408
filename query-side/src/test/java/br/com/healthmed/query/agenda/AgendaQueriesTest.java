package br.com.healthmed.query.agenda;

import br.com.healthmed.query.support.ReadModelFixture;

class AgendaQueriesTest extends AgendaQueriesContract {

    @Override
    ReadModelFixture fixture() {
        return ReadModelFixture.onEmulator();
    }
}
