package br.com.healthmed.command.security;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.doctor.DoctorId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands carry who sent them; only a command side can vouch for that (ADR 0025). */
class CommandSignaturesTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final byte[] lookupKey = key(7);
    private final CommandSignatures signatures = new CommandSignatures(lookupKey, JSON);

    record VerifyDoctor(DoctorId doctorId, Map<String, String> notes) {
    }

    private final VerifyDoctor verify = new VerifyDoctor(new DoctorId(UUID.randomUUID()), Map.of("a", "1", "b", "2"));
    private final MetaData patient = MetaData.with(AuditMetadata.USER_ID, UUID.randomUUID().toString())
            .and(AuditMetadata.ROLE, "PATIENT").and(AuditMetadata.CORRELATION_ID, "req-1");

    @Test
    void a_command_signed_by_a_command_side_is_accepted_by_every_replica_with_the_same_key() {
        CommandMessage<?> signed = signatures.sign(command(verify, patient));

        assertThat(signed.getMetaData()).containsKey(CommandSignatures.METADATA_KEY);
        assertThat(signatures.isSigned(signed)).isTrue();
        assertThat(new CommandSignatures(key(7), JSON).isSigned(signed)).as("another replica").isTrue();
    }

    @Test
    void an_unsigned_command_is_refused() {
        assertThat(signatures.isSigned(command(verify, patient))).isFalse();
    }

    @Test
    void changing_who_sent_it_after_signing_is_refused() {
        CommandMessage<?> signed = signatures.sign(command(verify, patient));

        assertThat(signatures.isSigned(signed.andMetaData(Map.of(AuditMetadata.ROLE, "ADMIN")))).isFalse();
        assertThat(signatures.isSigned(signed.andMetaData(Map.of(AuditMetadata.USER_ID, UUID.randomUUID().toString()))))
                .isFalse();
        assertThat(signatures.isSigned(signed.withMetaData(Map.of(CommandSignatures.METADATA_KEY,
                signed.getMetaData().get(CommandSignatures.METADATA_KEY))))).as("identity removed").isFalse();
    }

    @Test
    void the_signature_of_one_command_does_not_cover_another_payload_or_message() {
        CommandMessage<?> signed = signatures.sign(command(verify, patient));
        Object signature = signed.getMetaData().get(CommandSignatures.METADATA_KEY);

        CommandMessage<?> otherPayload = sameMessage(signed, new VerifyDoctor(new DoctorId(UUID.randomUUID()), verify.notes()));
        assertThat(signatures.isSigned(otherPayload)).as("same message id, another doctor").isFalse();
        CommandMessage<?> sameContentOtherMessage = command(verify, patient.and(CommandSignatures.METADATA_KEY, signature));
        assertThat(signatures.isSigned(sameContentOtherMessage)).as("bound to the message id").isFalse();
    }

    @Test
    void a_signature_made_with_another_key_is_refused() {
        CommandMessage<?> signedElsewhere = new CommandSignatures(key(8), JSON).sign(command(verify, patient));

        assertThat(signatures.isSigned(signedElsewhere)).isFalse();
    }

    @Test
    void the_order_in_which_map_entries_were_put_does_not_matter() {
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("b", "2");
        reversed.put("a", "1");
        CommandMessage<?> signed = signatures.sign(command(verify, patient));
        CommandMessage<?> asReceived = sameMessage(signed, new VerifyDoctor(verify.doctorId(), reversed));

        assertThat(signatures.isSigned(asReceived)).isTrue();
    }

    @Test
    void a_short_key_is_refused() {
        assertThatThrownBy(() -> new CommandSignatures(new byte[16], JSON)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The message as another replica would rebuild it: same id, name and metadata, this payload. */
    private static CommandMessage<?> sameMessage(CommandMessage<?> message, Object payload) {
        return new GenericCommandMessage<>(new GenericMessage<>(message.getIdentifier(), payload, message.getMetaData()),
                message.getCommandName());
    }

    private static CommandMessage<?> command(Object payload, MetaData metaData) {
        return GenericCommandMessage.asCommandMessage(payload).withMetaData(metaData);
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }
}
