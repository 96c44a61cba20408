package br.com.healthmed.api.privacy;

/** A sealed value could not be opened: wrong key, altered bytes, or a key that was shredded. */
public class UnreadableDataException extends RuntimeException {

    public UnreadableDataException(String message) {
        super(message);
    }
}
