package io.puppetplane.fileserve.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses fileserver.conf: {@code [mount]} sections holding {@code keyword value} lines.
 *
 * <ul>
 * <li>{@code path /abs/dir} with {@code %h %H %d %%};</li>
 * <li>{@code allow|deny V[, V…]} where V is {@code *}, an IP ({@code 10.0.0.5}, {@code ::1}), a CIDR
 * ({@code 10.0.0.0/24}), an IPv4 wildcard ({@code 192.168.0.*}), a certname or certname glob
 * ({@code nc1.example.com}, {@code *.example.com}) or {@code /regex/} over the certname;</li>
 * <li>{@code allow_ext|deny_ext NAME=VALUE[, …]}: a certificate extension by short name or OID;</li>
 * <li>{@code allow_role|deny_role ROLE[, …]}: the role enrollment assigned (NodeClassified).</li>
 * </ul>
 * Names are never looked up in DNS: they match the verified certname. Any mistake rejects the whole file with
 * {@code file:line: message}, so a typo can never widen access.
 */
public final class FileserverConfigParser {

    private static final Pattern COMMENT = Pattern.compile("^\\s*(#.*)?$");
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^\\s*(\\S+)\\s+(.+?)\\s*(?:\\s#.*)?$");
    private static final Pattern MOUNT_NAME = Pattern.compile("[-\\w]+");
    private static final Set<String> BUILT_IN = Set.of("modules", "plugins", "pluginfacts", "locales", "scripts",
            "tasks");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WILDCARD = Pattern.compile("(\\d{1,3}\\.){1,3}\\*");
    private static final Pattern NAME_GLOB = Pattern.compile("[A-Za-z0-9*?_-][A-Za-z0-9.*?_-]*");
    private static final Pattern EXTENSION = Pattern.compile("((?:pp_\\w+)|(?:\\d+(?:\\.\\d+)+))=(.+)");

    private FileserverConfigParser() {
    }

    public static MountTable parse(String text, String fileName) throws FileserverConfigException {
        return parse(text, fileName, null);
    }

    /**
     * Like {@link #parse(String, String)}, but a relative {@code path} is taken relative to {@code baseDirectory}
     * (the directory holding fileserver.conf) instead of being an error. Puppet requires absolute paths; this lets a
     * checked-in example site work wherever it is checked out.
     */
    public static MountTable parse(String text, String fileName, java.nio.file.Path baseDirectory)
            throws FileserverConfigException {
        Map<String, MountDefinition> mounts = new LinkedHashMap<>();
        String mount = null;
        int mountLine = 0;
        String path = null;
        List<AccessRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            String where = fileName + ":" + lineNo + ": ";
            if (COMMENT.matcher(line).matches()) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                if (mount != null) {
                    mounts.put(mount, finish(mount, path, rules, fileName, mountLine));
                }
                mount = section.group(1).trim();
                mountLine = lineNo;
                if (!MOUNT_NAME.matcher(mount).matches()) {
                    throw new FileserverConfigException(where + "invalid mount name '" + mount + "' (letters, digits, _ and - only)");
                }
                if (BUILT_IN.contains(mount)) {
                    throw new FileserverConfigException(where + "mount '" + mount + "' is built in and served by catalog-service");
                }
                if (mounts.containsKey(mount)) {
                    throw new FileserverConfigException(where + "mount '" + mount + "' is defined twice");
                }
                path = null;
                rules = new ArrayList<>();
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                throw new FileserverConfigException(where + "expected 'keyword value' or '[mount]', got '" + line.trim() + "'");
            }
            if (mount == null) {
                throw new FileserverConfigException(where + "'" + entry.group(1) + "' outside of a [mount] section");
            }
            String keyword = entry.group(1);
            String value = entry.group(2);
            if (keyword.endsWith("=") || value.startsWith("=")) {
                throw new FileserverConfigException(where + "write 'keyword value' without '='");
            }
            switch (keyword) {
                case "path" -> {
                    if (path != null) {
                        throw new FileserverConfigException(where + "mount '" + mount + "' has two paths");
                    }
                    if (!value.startsWith("/") && baseDirectory != null) {
                        value = baseDirectory.toAbsolutePath().normalize().toString().replace("%", "%%") + "/" + value;
                    }
                    String problem = PathTemplate.problem(value).orElse(null);
                    if (problem != null) {
                        throw new FileserverConfigException(where + problem);
                    }
                    path = value;
                }
                case "allow", "deny", "allow_ext", "deny_ext", "allow_role", "deny_role" -> {
                    boolean allow = keyword.startsWith("allow");
                    for (String item : value.split(",")) {
                        String one = item.trim();
                        if (one.isEmpty()) {
                            throw new FileserverConfigException(where + "empty value in '" + value + "'");
                        }
                        AccessCondition condition = switch (keyword.substring(allow ? 5 : 4)) {
                            case "_ext" -> extension(one, where);
                            case "_role" -> role(one, where);
                            default -> client(one, where);
                        };
                        rules.add(new AccessRule(allow, condition, keyword + " " + one, lineNo));
                    }
                }
                default -> throw new FileserverConfigException(where + "unknown keyword '" + keyword
                        + "' (path, allow, deny, allow_ext, deny_ext, allow_role, deny_role)");
            }
        }
        if (mount != null) {
            mounts.put(mount, finish(mount, path, rules, fileName, mountLine));
        }
        return new MountTable(mounts);
    }

    private static MountDefinition finish(String mount, String path, List<AccessRule> rules, String fileName, int line)
            throws FileserverConfigException {
        if (path == null) {
            throw new FileserverConfigException(fileName + ":" + line + ": mount '" + mount + "' has no path");
        }
        return new MountDefinition(mount, new PathTemplate(path), List.copyOf(rules), fileName, line);
    }

    private static AccessCondition client(String value, String where) throws FileserverConfigException {
        if (value.equals("*")) {
            return new AccessCondition.AnyClient();
        }
        if (value.length() > 2 && value.startsWith("/") && value.endsWith("/")) {
            try {
                return new AccessCondition.CertnameRegex(Pattern.compile(value.substring(1, value.length() - 1)));
            } catch (PatternSyntaxException e) {
                throw new FileserverConfigException(where + "invalid regular expression " + value + ": " + e.getDescription());
            }
        }
        int slash = value.indexOf('/');
        if (slash > 0) {
            InetAddress network = literal(value.substring(0, slash), where);
            int prefix;
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new FileserverConfigException(where + "invalid prefix length in " + value);
            }
            if (prefix < 0 || prefix > network.getAddress().length * 8) {
                throw new FileserverConfigException(where + "prefix length out of range in " + value);
            }
            return new AccessCondition.AddressBlock(network, prefix);
        }
        if (IPV4.matcher(value).matches() || value.contains(":")) {
            InetAddress address = literal(value, where);
            return new AccessCondition.AddressBlock(address, address.getAddress().length * 8);
        }
        if (IPV4_WILDCARD.matcher(value).matches()) {
            String[] octets = value.substring(0, value.length() - 2).split("\\.");
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                network.append(i < octets.length ? octets[i] : "0").append(i < 3 ? "." : "");
            }
            return new AccessCondition.AddressBlock(literal(network.toString(), where), octets.length * 8);
        }
        if (NAME_GLOB.matcher(value).matches()) {
            return AccessCondition.CertnameGlob.of(value);
        }
        throw new FileserverConfigException(where + "'" + value
                + "' is neither *, an IP, a CIDR, an IP wildcard, a certname (glob) nor a /regex/");
    }

    /**
     * An IP or CIDR, for settings outside fileserver.conf (trusted proxies).
     *
     * @throws IllegalArgumentException when {@code value} is neither
     */
    public static AccessCondition addressCondition(String value) {
        try {
            AccessCondition condition = client(value.trim(), "");
            if (condition instanceof AccessCondition.AddressBlock) {
                return condition;
            }
        } catch (FileserverConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + value + "' is not an IP address or CIDR");
    }

    /** Parses an address literal; never touches DNS because only digits, dots and colons get here. */
    private static InetAddress literal(String text, String where) throws FileserverConfigException {
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            throw new FileserverConfigException(where + "'" + text + "' is not an IP address");
        }
        if (IPV4.matcher(text).matches()) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new FileserverConfigException(where + "'" + text + "' is not an IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new FileserverConfigException(where + "'" + text + "' is not an IP address");
        }
    }

    private static AccessCondition extension(String value, String where) throws FileserverConfigException {
        Matcher m = EXTENSION.matcher(value);
        if (!m.matches()) {
            throw new FileserverConfigException(where + "expected NAME=VALUE with a pp_* name or a dotted OID, got '" + value + "'");
        }
        return new AccessCondition.ExtensionEquals(m.group(1), m.group(2));
    }

    private static AccessCondition role(String value, String where) throws FileserverConfigException {
        if (!value.matches("[\\w.:-]+")) {
            throw new FileserverConfigException(where + "invalid role '" + value + "'");
        }
        return new AccessCondition.RoleEquals(value);
    }
}
