package br.com.healthmed.command.notification;

import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * E-mail notifications exist where an SMTP server is configured ({@code spring.mail.host}, {@code SMTP_HOST}); without
 * one, no processor reads the events for mail and nothing is queued (ADR 0013).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
@EnableScheduling
class NotificationConfig {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    @Bean
    Contacts notificationContacts(JdbcClient jdbc, PersonalDataVault vault) {
        return new Contacts(jdbc, vault);
    }

    @Bean
    SentNotifications sentNotifications(JdbcClient jdbc) {
        return new SentNotifications(jdbc);
    }

    @Bean
    Mailer mailer(JavaMailSender sender, NotificationProperties properties) {
        namesMailStreamProvider();
        return new Mailer(sender, properties);
    }

    /**
     * Jakarta Mail looks its {@code StreamProvider} up on every message it builds (several times per message), and
     * without this property each look-up is a ServiceLoader scan of the application's nested jars: over half of the
     * notification processor's CPU in the booking benchmark's profile (docs/performance.md). Named, the look-up is a
     * class-loader cache hit. The one implementation on the classpath is Angus Mail's; an explicit setting wins.
     */
    static void namesMailStreamProvider() {
        System.getProperties().putIfAbsent(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Bean
    AppointmentNotifications appointmentNotifications(Contacts contacts, SentNotifications sent, Mailer mailer,
                                                      NotificationProperties properties, PersonalDataVault vault,
                                                      EventStore events, Clock clock) {
        return new AppointmentNotifications(contacts, sent, mailer, new MailTemplates(properties.apiBaseUrl()), vault,
                events, clock, properties);
    }

    @Bean
    PasswordResetMails passwordResetMails(Contacts contacts, Mailer mailer, NotificationProperties properties) {
        return new PasswordResetMails(contacts, mailer, new MailTemplates(properties.apiBaseUrl()));
    }

    @Bean
    RegistrationMails registrationMails(Contacts contacts, Mailer mailer, NotificationProperties properties) {
        return new RegistrationMails(contacts, mailer, new MailTemplates(properties.apiBaseUrl()));
    }

    @Bean
    NotificationDeadLetters notificationDeadLetters(EventProcessingConfiguration processing,
                                                    NotificationProperties properties, Clock clock) {
        return new NotificationDeadLetters(processing, properties, clock);
    }

    /** Counts failures on each letter, which redelivery reads to back off and to park. */
    @Bean
    ConfigurerModule notificationDeadLetterPolicy() {
        return configurer -> configurer.eventProcessing().registerDeadLetterPolicy(AppointmentNotifications.GROUP,
                c -> NotificationDeadLetters.countingFailures());
    }
}
