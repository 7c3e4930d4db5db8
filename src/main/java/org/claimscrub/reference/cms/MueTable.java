package org.claimscrub.reference.cms;

import java.util.Map;

/** One CMS MUE file: its setting and a limit per code. */
record MueTable(CmsSetting setting, Map<String, MueLimit> limits) {

    MueLimit limit(String code) {
        return limits.get(code);
    }
}
