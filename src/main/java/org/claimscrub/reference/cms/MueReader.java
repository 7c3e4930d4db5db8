package org.claimscrub.reference.cms;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CMS MUE table (practitioner, outpatient hospital or DME supplier services) as CMS publishes it: CSV in
 * Latin-1, a multi-line notice record first, then a header whose cells may hold line breaks:
 * {@code HCPCS/CPT Code}, {@code <Setting> Services MUE Values}, {@code MUE Adjudication Indicator} (text whose
 * first digit is the MAI) and {@code MUE Rationale}. Columns are found by name, case, spaces and punctuation
 * ignored (a setting prefix such as "Practitioner Services MUE Adjudication Indicator" is accepted); the setting is
 * read from the values column's name.
 */
final class MueReader {
    static final int MAX_NOTICE_RECORDS = 50;
    private static final String CODE = "HCPCS/CPT Code";
    private static final String MAI = "MUE Adjudication Indicator";
    private static final String RATIONALE = "MUE Rationale";

    record Result(MueTable table, long rows, String sha256) {
    }

    Result read(Path file) throws CmsFileException {
        String name = file.getFileName().toString();
        try (CsvRecords csv = new CsvRecords(file)) {
            Header header = header(file, csv);
            Map<String, MueLimit> limits = new HashMap<>();
            String[] record;
            long rows = 0;
            EndOfFile endOfFile = new EndOfFile(file);
            while ((record = csv.next()) != null) {
                long line = csv.line();
                if (isBlank(record) || endOfFile.skip(line, EndOfFile.isMark(record))) {
                    continue;
                }
                String code = cell(record, header.code).toUpperCase(Locale.ROOT);
                if (!Codes.isCode(code)) {
                    throw CmsFileException.at(file, line, CODE, Codes.EXPECTED_CODE + ", found '" + code
                            + "'");
                }
                int value = units(file, line, header, cell(record, header.value));
                String maiText = cell(record, header.mai);
                MueAdjudication mai = MueAdjudication.of(maiText);
                if (mai == null) {
                    throw CmsFileException.at(file, line, MAI, "expected text starting with the MAI 1, 2 or 3"
                            + " (e.g. '2 Date of Service Edit: Policy'), found '" + maiText + "'");
                }
                String rationale = header.rationale < 0 ? "" : cell(record, header.rationale);
                if (limits.put(code, new MueLimit(code, value, mai, rationale, name)) != null) {
                    throw CmsFileException.at(file, line, CODE, "code " + code + " is listed twice; expected one"
                            + " row per code");
                }
                rows++;
            }
            return new Result(new MueTable(header.setting, Map.copyOf(limits)), rows, csv.sha256());
        }
    }

    private static int units(Path file, long line, Header header, String text) throws CmsFileException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw CmsFileException.at(file, line, header.valueName, "expected a whole number of units (0 or more),"
                + " found '" + text + "'");
    }

    private record Header(CmsSetting setting, int code, int value, String valueName, int mai, int rationale) {
    }

    private static Header header(Path file, CsvRecords csv) throws CmsFileException {
        for (int i = 0; i < MAX_NOTICE_RECORDS; i++) {
            String[] record = csv.next();
            if (record == null) {
                break;
            }
            int code = -1;
            int value = -1;
            int mai = -1;
            int rationale = -1;
            CmsSetting setting = null;
            for (int c = 0; c < record.length; c++) {
                String key = Codes.headerKey(record[c]);
                if (key.equals("hcpcscptcode") || key.equals("cpthcpcscode") || key.equals("hcpcscode")) {
                    code = c;
                } else if (key.endsWith("muevalues")) {
                    value = c;
                    setting = setting(key);
                } else if (key.endsWith("mueadjudicationindicator")) {
                    mai = c;
                } else if (key.endsWith("muerationale")) {
                    rationale = c;
                }
            }
            if (code < 0) {
                continue;
            }
            long line = csv.line();
            if (value < 0 || setting == null) {
                throw CmsFileException.at(file, line, "", "expected a 'Practitioner Services MUE Values',"
                        + " 'Outpatient Hospital Services MUE Values' or 'DME Supplier Services MUE Values' column");
            }
            if (mai < 0) {
                throw CmsFileException.at(file, line, "", "expected a '" + MAI + "' column");
            }
            return new Header(setting, code, value, record[value].replaceAll("\\s+", " ").strip(), mai, rationale);
        }
        throw CmsFileException.of(file, "not a CMS MUE table: expected a header row with '" + CODE + "' and '...MUE"
                + " Values' within the first " + MAX_NOTICE_RECORDS + " records");
    }

    private static CmsSetting setting(String key) {
        if (key.startsWith("practitioner")) {
            return CmsSetting.PRACTITIONER;
        }
        if (key.startsWith("outpatienthospital") || key.startsWith("facility")) {
            return CmsSetting.OUTPATIENT_HOSPITAL;
        }
        if (key.startsWith("dme")) {
            return CmsSetting.DME;
        }
        return null;
    }

    private static String cell(String[] record, int index) {
        return index < record.length ? record[index].strip() : "";
    }

    private static boolean isBlank(String[] record) {
        for (String cell : record) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
