package br.com.healthmed.api.common;

/** A person's name as they write it: trimmed, inner spaces collapsed, 2 to 120 characters. */
public record PersonName(String value) {

    public PersonName {
        value = Require.text(value, "name", 120).replaceAll("\\s+", " ");
        if (value.length() < 2) {
            throw new InvalidValueException("name-too-short", "name", "name must have at least 2 characters");
        }
    }

    @Override
    public String toString() {
        return "PersonName[protected]";
    }
}
