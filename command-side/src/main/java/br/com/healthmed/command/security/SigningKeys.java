package br.com.healthmed.command.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/** The Ed25519 pair that signs access tokens, from PEM text in the environment or from a key folder. */
public record SigningKeys(PrivateKey privateKey, PublicKey publicKey) {

    static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    public SigningKeys {
        if (!matches(privateKey, publicKey)) {
            throw new IllegalStateException("the JWT public key does not belong to the JWT private key");
        }
    }

    /** Fails start-up with a message naming the settings when no key is configured. */
    public static SigningKeys from(JwtProperties properties) {
        if (properties.hasPemKeys()) {
            if (properties.privateKey() == null || properties.privateKey().isBlank()
                    || properties.publicKey() == null || properties.publicKey().isBlank()) {
                throw new IllegalStateException("set both HEALTHMED_JWT_PRIVATE_KEY and HEALTHMED_JWT_PUBLIC_KEY"
                        + " (healthmed.security.jwt.private-key / public-key), not just one of them");
            }
            return new SigningKeys(PemKeys.privateKey(properties.privateKey()), PemKeys.publicKey(properties.publicKey()));
        }
        if (properties.hasKeyDirectory()) {
            return fromDirectory(Path.of(properties.keyDirectory()));
        }
        throw new IllegalStateException("no key to sign access tokens: set HEALTHMED_JWT_PRIVATE_KEY and HEALTHMED_JWT_PUBLIC_KEY"
                + " (Ed25519 PEM), or HEALTHMED_JWT_KEY_DIRECTORY (a folder where jwt-private.pem and jwt-public.pem"
                + " are kept, generated on first start)");
    }

    static SigningKeys fromDirectory(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        try {
            boolean hasPrivate = Files.exists(privateFile);
            boolean hasPublic = Files.exists(publicFile);
            if (!hasPrivate && !hasPublic) {
                generate(directory, privateFile, publicFile);
            } else if (hasPrivate != hasPublic) {
                throw new IllegalStateException("only one of " + PRIVATE_KEY_FILE + " and " + PUBLIC_KEY_FILE + " exists in "
                        + directory + "; restore the other, or delete both to generate a new pair (every issued token then stops working)");
            }
            warnIfReadableByOthers(privateFile);
            return new SigningKeys(PemKeys.privateKey(Files.readString(privateFile, StandardCharsets.US_ASCII)),
                    PemKeys.publicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT keys in " + directory, e);
        }
    }

    private static void generate(Path directory, Path privateFile, Path publicFile) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate Ed25519 keys", e);
        }
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(directory, posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0]);
        write(privateFile, PemKeys.pem(pair.getPrivate()), posix ? "rw-------" : null);
        write(publicFile, PemKeys.pem(pair.getPublic()), posix ? "rw-r--r--" : null);
        log.info("generated a new Ed25519 key pair for access tokens in {}", directory);
    }

    /** Written to a private temporary file first, so a crash never leaves a half-written key behind. */
    private static void write(Path target, String content, String permissions) throws IOException {
        FileAttribute<?>[] attributes = permissions == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        Path temporary = Files.createTempFile(target.getParent(), ".jwt-", ".tmp", attributes);
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            if (permissions != null) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void warnIfReadableByOthers(Path privateFile) throws IOException {
        if (!privateFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(privateFile);
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            log.warn("{} can be read by other users; restrict it with chmod 600", privateFile);
        }
    }

    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "healthmed-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JWT keys must be an Ed25519 pair", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKeys[Ed25519, private key protected]";
    }
}
