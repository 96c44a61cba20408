package br.com.healthmed.command.security;

/** A command without a valid signature of a command side (ADR 0025): never the result of a client's request. */
public class UnsignedCommandException extends RuntimeException {

    public UnsignedCommandException(String commandName) {
        super("command " + commandName + " is not signed by a command side; refused");
    }
}
