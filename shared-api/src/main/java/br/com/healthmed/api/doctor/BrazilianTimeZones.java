package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.InvalidValueException;

import java.time.ZoneId;
import java.util.Set;

/** The IANA zones that cover Brazil; a doctor's agenda is expressed in one of them. */
public final class BrazilianTimeZones {

    public static final Set<String> ZONES = Set.of(
            "America/Noronha", "America/Belem", "America/Fortaleza", "America/Recife", "America/Araguaina",
            "America/Maceio", "America/Bahia", "America/Sao_Paulo", "America/Campo_Grande", "America/Cuiaba",
            "America/Santarem", "America/Porto_Velho", "America/Boa_Vista", "America/Manaus", "America/Eirunepe",
            "America/Rio_Branco");

    private BrazilianTimeZones() {
    }

    public static ZoneId parse(String zone) {
        if (zone == null || zone.isBlank()) {
            throw new InvalidValueException("time-zone-required", "timeZone", "time zone is required");
        }
        if (!ZONES.contains(zone.strip())) {
            throw new InvalidValueException("time-zone-invalid", "timeZone", "time zone must be one of Brazil's IANA zones");
        }
        return ZoneId.of(zone.strip());
    }
}
