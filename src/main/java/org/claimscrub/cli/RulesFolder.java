package org.claimscrub.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the rules live when --rules is not given: ./rules, else the rules shipped beside the launcher. */
final class RulesFolder {
    static final String HOME_PROPERTY = "claimscrub.home";

    private RulesFolder() {
    }

    static Path resolve(Path given) {
        if (given != null) {
            return given;
        }
        Path local = Path.of("rules");
        String home = System.getProperty(HOME_PROPERTY);
        if (Files.isDirectory(local) || home == null) {
            return local;
        }
        return Path.of(home, "rules");
    }
}
