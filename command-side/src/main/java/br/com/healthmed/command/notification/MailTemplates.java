package br.com.healthmed.command.notification;

import br.com.healthmed.command.notification.Contacts.Contact;
import org.springframework.web.util.HtmlUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The mails, in Brazilian Portuguese, plain text and HTML. Times are the doctor's local time with the zone named, on
 * both sides: the appointment happens where the doctor is. Each mail names only its recipient and the other party.
 */
class MailTemplates {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, dd/MM/yyyy 'às' HH:mm", PT_BR);

    private final String apiBaseUrl;

    MailTemplates(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    /** "segunda-feira, 07/01/2030 às 09:00 (horário de America/Sao_Paulo)" */
    static String when(Instant start, ZoneId zone) {
        return WHEN.format(start.atZone(zone)) + " (horário de " + zone.getId() + ")";
    }

    Mail newRequest(Contact doctor, Contact patient, UUID appointmentId, Instant start) {
        String when = when(start, doctor.zone());
        String accept = apiBaseUrl + "/api/appointments/" + appointmentId + "/accept";
        String reject = apiBaseUrl + "/api/appointments/" + appointmentId + "/reject";
        String text = """
                Olá, %s.

                %s solicitou uma consulta para %s.

                Para aceitar:  POST %s
                Para recusar:  POST %s  (com o motivo: {"reason": "..."})

                Sem resposta a tempo, a solicitação expira e o horário volta a ficar livre.
                """.formatted(doctor.name(), patient.name(), when, accept, reject);
        String html = page("Nova solicitação de consulta", doctor.name(),
                "<p><strong>%s</strong> solicitou uma consulta para <strong>%s</strong>.</p>"
                        .formatted(esc(patient.name()), esc(when))
                        + "<p>Aceitar: <code>POST <a href=\"%s\">%s</a></code><br>Recusar: <code>POST <a href=\"%s\">%s</a></code> (com o motivo)</p>"
                        .formatted(esc(accept), esc(accept), esc(reject), esc(reject))
                        + "<p>Sem resposta a tempo, a solicitação expira e o horário volta a ficar livre.</p>");
        return new Mail(doctor.email(), "Nova solicitação de consulta: " + when, text, html, null);
    }

    /** {@code sequence} orders this invitation among the appointment's (RFC 5545 SEQUENCE): it only ever grows. */
    Mail accepted(Contact patient, Contact doctor, UUID appointmentId, Instant start, Instant end, Instant now,
                  long sequence) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                Sua consulta com %s para %s foi confirmada.
                O convite para a sua agenda está em anexo (consulta.ics).
                """.formatted(patient.name(), doctor.name(), when);
        String html = page("Consulta confirmada", patient.name(),
                "<p>Sua consulta com <strong>%s</strong> para <strong>%s</strong> foi confirmada.</p>"
                        .formatted(esc(doctor.name()), esc(when))
                        + "<p>O convite para a sua agenda está em anexo (consulta.ics).</p>");
        String calendar = CalendarInvite.of(uid(appointmentId), sequence, start, end, now,
                "Consulta com " + doctor.name(), "Consulta confirmada pela Health&Med, " + when + ".");
        return new Mail(patient.email(), "Consulta confirmada: " + when, text, html, calendar);
    }

    /** The patient moved the request (or the accepted appointment, which is a request again): the doctor decides. */
    Mail rescheduledByPatient(Contact doctor, Contact patient, UUID appointmentId, Instant previousStart, Instant start) {
        String before = when(previousStart, doctor.zone());
        String when = when(start, doctor.zone());
        String accept = apiBaseUrl + "/api/appointments/" + appointmentId + "/accept";
        String reject = apiBaseUrl + "/api/appointments/" + appointmentId + "/reject";
        String text = """
                Olá, %s.

                %s remarcou a consulta de %s para %s.
                O horário anterior voltou a ficar livre na sua agenda, e o novo aguarda a sua resposta.

                Para aceitar:  POST %s
                Para recusar:  POST %s  (com o motivo: {"reason": "..."})
                """.formatted(doctor.name(), patient.name(), before, when, accept, reject);
        String html = page("Consulta remarcada pelo paciente", doctor.name(),
                "<p><strong>%s</strong> remarcou a consulta de %s para <strong>%s</strong>.</p>"
                        .formatted(esc(patient.name()), esc(before), esc(when))
                        + "<p>O horário anterior voltou a ficar livre na sua agenda, e o novo aguarda a sua resposta.</p>"
                        + "<p>Aceitar: <code>POST <a href=\"%s\">%s</a></code><br>Recusar: <code>POST <a href=\"%s\">%s</a></code> (com o motivo)</p>"
                        .formatted(esc(accept), esc(accept), esc(reject), esc(reject)));
        return new Mail(doctor.email(), "Consulta remarcada pelo paciente: " + when, text, html, null);
    }

    /** The doctor moved an accepted appointment: it stays confirmed, and the invitation replaces the earlier one. */
    Mail rescheduledByDoctor(Contact patient, Contact doctor, UUID appointmentId, Instant previousStart, Instant start,
                             Instant end, Instant now, long sequence) {
        String before = when(previousStart, doctor.zone());
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                %s remarcou a sua consulta de %s para %s. A consulta continua confirmada.
                O convite atualizado para a sua agenda está em anexo (consulta.ics).
                Se o novo horário não servir, você pode remarcar ou cancelar pelo aplicativo.
                """.formatted(patient.name(), doctor.name(), before, when);
        String html = page("Consulta remarcada", patient.name(),
                "<p><strong>%s</strong> remarcou a sua consulta de %s para <strong>%s</strong>. A consulta continua confirmada.</p>"
                        .formatted(esc(doctor.name()), esc(before), esc(when))
                        + "<p>O convite atualizado para a sua agenda está em anexo (consulta.ics).</p>"
                        + "<p>Se o novo horário não servir, você pode remarcar ou cancelar pelo aplicativo.</p>");
        String calendar = CalendarInvite.of(uid(appointmentId), sequence, start, end, now,
                "Consulta com " + doctor.name(), "Consulta remarcada pela Health&Med, " + when + ".");
        return new Mail(patient.email(), "Consulta remarcada pelo médico: " + when, text, html, calendar);
    }

    Mail rejected(Contact patient, Contact doctor, Instant start, String reason) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                %s não pôde aceitar a sua solicitação de consulta para %s.
                Motivo: %s

                O horário foi liberado; você pode escolher outro.
                """.formatted(patient.name(), doctor.name(), when, reason);
        String html = page("Solicitação recusada", patient.name(),
                "<p><strong>%s</strong> não pôde aceitar a sua solicitação de consulta para <strong>%s</strong>.</p>"
                        .formatted(esc(doctor.name()), esc(when))
                        + "<p>Motivo: %s</p><p>O horário foi liberado; você pode escolher outro.</p>".formatted(esc(reason)));
        return new Mail(patient.email(), "Solicitação de consulta recusada: " + when, text, html, null);
    }

    Mail cancelledByPatient(Contact doctor, Contact patient, Instant start) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                %s cancelou a consulta de %s. O horário voltou a ficar livre na sua agenda.
                """.formatted(doctor.name(), patient.name(), when);
        String html = page("Consulta cancelada", doctor.name(),
                "<p><strong>%s</strong> cancelou a consulta de <strong>%s</strong>. O horário voltou a ficar livre na sua agenda.</p>"
                        .formatted(esc(patient.name()), esc(when)));
        return new Mail(doctor.email(), "Consulta cancelada pelo paciente: " + when, text, html, null);
    }

    Mail cancelledByDoctor(Contact patient, Contact doctor, Instant start, String justification) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                %s precisou cancelar a sua consulta de %s.
                Justificativa: %s
                """.formatted(patient.name(), doctor.name(), when, justification);
        String html = page("Consulta cancelada", patient.name(),
                "<p><strong>%s</strong> precisou cancelar a sua consulta de <strong>%s</strong>.</p><p>Justificativa: %s</p>"
                        .formatted(esc(doctor.name()), esc(when), esc(justification)));
        return new Mail(patient.email(), "Consulta cancelada pelo médico: " + when, text, html, null);
    }

    /** The doctor's account was deactivated by an administrator; the reason is the one the administrator gave. */
    Mail cancelledByDeactivation(Contact patient, Contact doctor, Instant start, String reason) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                Sua consulta com %s de %s foi cancelada: o cadastro do médico foi desativado na Health&Med.
                Motivo: %s
                Você pode escolher um horário com outro médico.
                """.formatted(patient.name(), doctor.name(), when, reason);
        String html = page("Consulta cancelada", patient.name(),
                "<p>Sua consulta com <strong>%s</strong> de <strong>%s</strong> foi cancelada: o cadastro do médico foi desativado na Health&amp;Med.</p><p>Motivo: %s</p><p>Você pode escolher um horário com outro médico.</p>"
                        .formatted(esc(doctor.name()), esc(when), esc(reason)));
        return new Mail(patient.email(), "Consulta cancelada: " + when, text, html, null);
    }

    /** The patient's account was erased: the doctor learns the time that became free, and nothing about the patient. */
    Mail cancelledByErasure(Contact doctor, Instant start) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                A consulta de %s foi cancelada porque o paciente encerrou a conta. O horário voltou a ficar livre na sua agenda.
                """.formatted(doctor.name(), when);
        String html = page("Consulta cancelada", doctor.name(),
                "<p>A consulta de <strong>%s</strong> foi cancelada porque o paciente encerrou a conta. O horário voltou a ficar livre na sua agenda.</p>"
                        .formatted(esc(when)));
        return new Mail(doctor.email(), "Consulta cancelada (conta do paciente encerrada): " + when, text, html, null);
    }

    /** The token is the secret: the mail is the only place it exists in clear. */
    Mail passwordReset(Contact account, String token, Duration validFor) {
        String confirm = apiBaseUrl + "/api/auth/password-reset/confirm";
        String minutes = validFor.toMinutes() + " minutos";
        String text = """
                Olá, %s.

                Recebemos um pedido para redefinir a sua senha na Health&Med.
                Código (vale uma vez, por %s): %s

                Para definir a nova senha:
                POST %s
                {"token": "%s", "newPassword": "..."}

                Se não foi você, ignore este e-mail: a sua senha continua a mesma.
                """.formatted(account.name(), minutes, token, confirm, token);
        String html = page("Redefinição de senha", account.name(),
                "<p>Recebemos um pedido para redefinir a sua senha na Health&amp;Med.</p><p>Código (vale uma vez, por %s): <code>%s</code></p>"
                        .formatted(esc(minutes), esc(token))
                        + "<p>Para definir a nova senha: <code>POST %s</code> com <code>{\"token\": \"%s\", \"newPassword\": \"...\"}</code></p>"
                        .formatted(esc(confirm), esc(token))
                        + "<p>Se não foi você, ignore este e-mail: a sua senha continua a mesma.</p>");
        return new Mail(account.email(), "Redefinição de senha", text, html, null);
    }

    /** The confirmation of a new registration; the address is the one registered, not yet a known contact. */
    Mail registrationConfirmation(String email, String name, String token, Instant expiresAt) {
        String confirm = apiBaseUrl + "/api/patients/confirmation";
        String until = when(expiresAt, ZoneId.of("America/Sao_Paulo"));
        String text = """
                Olá, %s.

                Recebemos o seu cadastro de paciente na Health&Med. Para ativá-lo, confirme este endereço de e-mail.
                Código de confirmação (vale uma vez, até %s): %s

                Para confirmar:
                POST %s
                {"token": "%s"}

                Sem confirmação até lá, o cadastro é descartado. Se não foi você, ignore este e-mail.
                """.formatted(name, until, token, confirm, token);
        String html = page("Confirme o seu e-mail", name,
                "<p>Recebemos o seu cadastro de paciente na Health&amp;Med. Para ativá-lo, confirme este endereço de e-mail.</p>"
                        + "<p>Código de confirmação (vale uma vez, até %s): <code>%s</code></p>".formatted(esc(until), esc(token))
                        + "<p>Para confirmar: <code>POST %s</code> com <code>{\"token\": \"%s\"}</code></p>"
                        .formatted(esc(confirm), esc(token))
                        + "<p>Sem confirmação até lá, o cadastro é descartado. Se não foi você, ignore este e-mail.</p>");
        return new Mail(email, "Confirme o seu cadastro na Health&Med", text, html, null);
    }

    /** Someone tried to register with the recipient's e-mail: nothing was created. */
    Mail emailAlreadyRegistered(Contact owner) {
        String text = """
                Olá, %s.

                Alguém tentou criar um cadastro de paciente na Health&Med com o seu e-mail. Nenhum cadastro novo foi criado.
                Se foi você, entre com a sua senha; se a esqueceu, peça a redefinição em POST %s/api/auth/patient/password-reset.
                Se não foi você, não é preciso fazer nada.
                """.formatted(owner.name(), apiBaseUrl);
        String html = page("Tentativa de cadastro com o seu e-mail", owner.name(),
                "<p>Alguém tentou criar um cadastro de paciente na Health&amp;Med com o seu e-mail. Nenhum cadastro novo foi criado.</p>"
                        + "<p>Se foi você, entre com a sua senha; se a esqueceu, peça a redefinição em <code>POST %s/api/auth/patient/password-reset</code>.</p>"
                        .formatted(esc(apiBaseUrl))
                        + "<p>Se não foi você, não é preciso fazer nada.</p>");
        return new Mail(owner.email(), "Tentativa de cadastro com o seu e-mail", text, html, null);
    }

    /** Someone tried to register the recipient's CPF with another e-mail: nothing was created, and it is not named. */
    Mail cpfAlreadyRegistered(Contact owner) {
        String text = """
                Olá, %s.

                Alguém tentou criar um cadastro de paciente na Health&Med com o seu CPF e outro e-mail. Nenhum cadastro novo foi criado.
                Se foi você, entre com o seu e-mail ou CPF e a sua senha; se a esqueceu, peça a redefinição em POST %s/api/auth/patient/password-reset.
                Se não foi você, alguém conhece o seu CPF: não é preciso fazer nada aqui, a sua conta continua só sua.
                """.formatted(owner.name(), apiBaseUrl);
        String html = page("Tentativa de cadastro com o seu CPF", owner.name(),
                "<p>Alguém tentou criar um cadastro de paciente na Health&amp;Med com o seu CPF e outro e-mail. Nenhum cadastro novo foi criado.</p>"
                        + "<p>Se foi você, entre com o seu e-mail ou CPF e a sua senha; se a esqueceu, peça a redefinição em <code>POST %s/api/auth/patient/password-reset</code>.</p>"
                        .formatted(esc(apiBaseUrl))
                        + "<p>Se não foi você, alguém conhece o seu CPF: não é preciso fazer nada aqui, a sua conta continua só sua.</p>");
        return new Mail(owner.email(), "Tentativa de cadastro com o seu CPF", text, html, null);
    }

    Mail expiredForDoctor(Contact doctor, Contact patient, Instant start) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                A solicitação de %s para %s expirou sem resposta e o horário voltou a ficar livre.
                """.formatted(doctor.name(), patient.name(), when);
        String html = page("Solicitação expirada", doctor.name(),
                "<p>A solicitação de <strong>%s</strong> para <strong>%s</strong> expirou sem resposta e o horário voltou a ficar livre.</p>"
                        .formatted(esc(patient.name()), esc(when)));
        return new Mail(doctor.email(), "Solicitação expirada: " + when, text, html, null);
    }

    Mail expiredForPatient(Contact patient, Contact doctor, Instant start) {
        String when = when(start, doctor.zone());
        String text = """
                Olá, %s.

                %s não respondeu a tempo à sua solicitação de consulta para %s, e ela expirou.
                Você pode escolher outro horário.
                """.formatted(patient.name(), doctor.name(), when);
        String html = page("Solicitação expirada", patient.name(),
                "<p><strong>%s</strong> não respondeu a tempo à sua solicitação de consulta para <strong>%s</strong>, e ela expirou.</p><p>Você pode escolher outro horário.</p>"
                        .formatted(esc(doctor.name()), esc(when)));
        return new Mail(patient.email(), "Solicitação de consulta expirada: " + when, text, html, null);
    }

    Mail reminder(Contact patient, Contact doctor, Instant start, Duration before) {
        String when = when(start, doctor.zone());
        String soon = soon(before);
        String text = """
                Olá, %s.

                Lembrete: sua consulta com %s é %s, %s.
                Se não puder comparecer, cancele pelo aplicativo para liberar o horário.
                """.formatted(patient.name(), doctor.name(), soon, when);
        String html = page("Lembrete de consulta", patient.name(),
                "<p>Lembrete: sua consulta com <strong>%s</strong> é %s, <strong>%s</strong>.</p><p>Se não puder comparecer, cancele pelo aplicativo para liberar o horário.</p>"
                        .formatted(esc(doctor.name()), esc(soon), esc(when)));
        return new Mail(patient.email(), "Lembrete: consulta " + soon + ", " + when, text, html, null);
    }

    /** "amanhã" for 24 h, else "em 2 horas", "em 3 dias", "em 90 minutos". */
    static String soon(Duration before) {
        if (before.equals(Duration.ofHours(24))) {
            return "amanhã";
        }
        if (before.toHours() > 24 && before.toHours() % 24 == 0) {
            return "em " + before.toDays() + " dias";
        }
        if (before.toMinutes() % 60 == 0) {
            return before.toHours() == 1 ? "em 1 hora" : "em " + before.toHours() + " horas";
        }
        return "em " + before.toMinutes() + " minutos";
    }

    /** One UID per appointment, in every invitation about it. */
    private static String uid(UUID appointmentId) {
        return appointmentId + "@healthmed";
    }

    private static String page(String title, String recipient, String body) {
        return """
                <!DOCTYPE html>
                <html lang="pt-BR"><head><meta charset="UTF-8"><title>%s</title></head>
                <body><h1>%s</h1><p>Olá, %s.</p>%s<p>Health&amp;Med</p></body></html>
                """.formatted(esc(title), esc(title), esc(recipient), body);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
