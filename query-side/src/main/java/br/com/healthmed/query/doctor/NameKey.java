package br.com.healthmed.query.doctor;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Search form of a name: lower case, without accents, single spaces, so "joão" and "Joao" find "João". */
final class NameKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private NameKey() {
    }

    static String of(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name.strip(), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** A regular expression matching names that contain {@code text}, with every special character escaped. */
    static String containing(String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : of(text).toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.toString();
    }
}
