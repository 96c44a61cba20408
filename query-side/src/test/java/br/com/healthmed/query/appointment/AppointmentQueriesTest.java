package br.com.healthmed.query.appointment;

import br.com.healthmed.query.support.ReadModelFixture;

class AppointmentQueriesTest extends AppointmentQueriesContract {

    @Override
    ReadModelFixture fixture() {
        return ReadModelFixture.onEmulator();
    }
}
