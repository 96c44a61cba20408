package br.com.healthmed.command.appointment;

import br.com.healthmed.api.common.Role;

import java.time.Instant;

/** Who enters an appointment's video room, as which party, and when the room closes on them. */
public record RoomAdmission(Role role, Instant closesAt) {
}
