package io.airlock.cli.keys;

import io.airlock.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keys",
        description = "Signing keys for bundles.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand {

    @Command(
            name = "generate",
            description = "Write an Ed25519 key pair: private.pem (PKCS#8, keep it on the connected side) and "
                    + "public.pem (X.509, trusted inside the air gap).")
    public static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Directory to write private.pem and public.pem into.")
        Path out;

        @Option(names = "--force", description = "Overwrite existing key files.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            Path priv = out.resolve("private.pem");
            Path pub = out.resolve("public.pem");
            KeyPair pair = Keys.generate();
            write(priv, Keys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(pub, Keys.pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
            System.out.println("wrote " + priv + " (keep secret) and " + pub);
            System.out.println("key fingerprint " + Keys.fingerprint(pair.getPublic()));
            return 0;
        }

        private void write(Path file, String pem, boolean secret) throws IOException {
            if (Files.exists(file) && !force) {
                throw CliException.usage(file + " already exists", "Choose another --out or pass --force");
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                // not a POSIX file system: the default permissions apply
            }
            Files.writeString(
                    file, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }
}
