package br.com.healthmed.command.notification;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailStreamProviderTest {

    /** A wrong class name would not fall back to the ServiceLoader: every mail would fail to build. */
    @Test
    void the_named_stream_provider_is_the_one_jakarta_mail_finds_and_uses() {
        NotificationConfig.namesMailStreamProvider();

        assertThat(System.getProperty(NotificationConfig.STREAM_PROVIDER))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName())
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }
}
