package br.com.healthmed.command.notification;

/** One e-mail to one person: plain text and HTML alternatives, and an optional calendar invitation. */
record Mail(String to, String subject, String text, String html, String calendar) {

    @Override
    public String toString() {
        return "Mail[subject=" + subject + "]";
    }
}
