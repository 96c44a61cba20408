package br.com.healthmed.command.shared;

/** A serialisable copy of a {@link DomainRejection}, carried in Axon's CommandExecutionException details. */
public record RejectionDetails(String code, DomainRejection.Kind kind, String message) {
}
