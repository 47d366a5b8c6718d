package org.rescuemesh.agent.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints a fresh 256-bit mission key, base64-encoded, for {@code --key-file}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Print a new mission key (base64 of 32 random bytes) for --key-file.")
final class KeygenCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        System.out.println(Base64.getEncoder().encodeToString(key));
        return 0;
    }
}
