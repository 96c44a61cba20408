package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.BrazilianTimeZones;

import java.time.ZoneId;

/** Re-checks profile values that the command's types alone do not guarantee, with the codes the API documents. */
final class DoctorInput {

    private DoctorInput() {
    }

    static Money consultationPrice(Money price) {
        if (price == null) {
            throw new InvalidValueException("price-required", "consultationPrice", "price is required");
        }
        return Money.consultationPrice(price.amount());
    }

    static String timeZone(ZoneId zone) {
        return BrazilianTimeZones.parse(zone == null ? null : zone.getId()).getId();
    }
}
