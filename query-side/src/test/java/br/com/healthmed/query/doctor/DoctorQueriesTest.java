package br.com.healthmed.query.doctor;

import br.com.healthmed.query.support.ReadModelFixture;

class DoctorQueriesTest extends DoctorQueriesContract {

    @Override
    ReadModelFixture fixture() {
        return ReadModelFixture.onEmulator();
    }
}
