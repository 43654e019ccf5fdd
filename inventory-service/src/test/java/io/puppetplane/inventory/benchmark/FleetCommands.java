package io.puppetplane.inventory.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The commands of a simulated fleet, as Puppet Server's PuppetDB terminus 7.12 sends them, the same bytes for every
 * server they are posted to (everything is derived from the node's index and the run's number, nothing from the
 * clock or a random source of its own):
 *
 * <ul>
 * <li>replace_facts v5: 109 facts, those that Facter 4.3 reported for a Debian 12 VM (the captured corpus' web1)
 * with the node's own names, addresses, memory, uptime and ssh keys, a role and a datacenter;</li>
 * <li>replace_catalog v9: 104 resources of a role-based catalog (classes, ~35 packages, ~30 files, services,
 * users, groups, execs, cron jobs; mostly the same across a role's nodes as in a real fleet), three of them
 * exported (Host, Sshkey, Concat::Fragment), with 112 containment and dependency edges;</li>
 * <li>store_report v8: one agent run every 30 minutes with 3 to 5 resources that changed (a file's content, a
 * package upgrade, a service restart by refresh, an exec; every 10th run an exec fails and a file is skipped), 7
 * to 10 log lines and Puppet 7's 23 metrics.</li>
 * </ul>
 */
final class FleetCommands {

    /** One command: the parameters of {@code POST /pdb/cmd/v1} and the body. */
    record Command(String name, int version, String certname, Instant producerTimestamp, byte[] body) {
    }

    static final Duration RUN_INTERVAL = Duration.ofMinutes(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] ROLES = {"web", "web", "web", "app", "app", "db", "lb", "cache"};
    private static final String MODULES = "/etc/puppetlabs/code/environments/production/modules";
    private static final String[] PACKAGES = {"openssh-server", "curl", "vim", "less", "htop", "rsync", "sudo",
        "git", "ca-certificates", "gnupg", "lsb-release", "apt-transport-https", "unattended-upgrades", "chrony",
        "rsyslog", "logrotate", "cron", "jq", "tmux", "strace", "tcpdump", "dnsutils", "net-tools", "iproute2",
        "lsof", "sysstat", "iotop", "python3", "python3-yaml", "puppet-agent", "prometheus-node-exporter",
        "auditd", "fail2ban", "needrestart", "zstd"};
    private static final String[] SERVICES = {"ssh", "cron", "rsyslog", "chrony", "auditd", "fail2ban",
        "prometheus-node-exporter", "unattended-upgrades"};
    private static final String[] USERS = {"deploy", "backup", "monitor", "alice", "bob", "carol"};
    private static final String[] GROUPS = {"deploy", "admins", "monitor", "backup"};

    private final JsonNode factsTemplate;
    private final Instant firstRun;
    private final String prefix;

    /**
     * @param differentialDir src/test/differential, whose captured web1 facts are the template
     * @param firstRun when every node's first run happens (later runs follow every {@link #RUN_INTERVAL})
     */
    FleetCommands(Path differentialDir, Instant firstRun) {
        this(differentialDir, firstRun, "node");
    }

    /** The same fleet under other names (the warm-up's): {@code PREFIX00042.bench.example.com}. */
    FleetCommands(Path differentialDir, Instant firstRun, String prefix) {
        try {
            JsonNode captured = MAPPER.readTree(differentialDir
                    .resolve("commands/001-web1-first-run-with-a-failing-exec-web1-replace-facts-v5.json").toFile());
            this.factsTemplate = captured.path("payload").path("values");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.firstRun = firstRun;
        this.prefix = prefix;
    }

    static String certname(int node) {
        return String.format("node%05d.bench.example.com", node);
    }

    private String name(int node) {
        return String.format("%s%05d.bench.example.com", prefix, node);
    }

    static String role(int node) {
        return ROLES[node % ROLES.length];
    }

    /** Every tenth node is in staging, the rest in production. */
    static String environment(int node) {
        return node % 10 == 9 ? "staging" : "production";
    }

    Instant runTime(int node, int run) {
        // nodes spread their runs over the interval as splay does
        return firstRun.plus(RUN_INTERVAL.multipliedBy(run)).plusMillis((node * 7919L) % RUN_INTERVAL.toMillis());
    }

    /** The node's facts, sent at its first run. */
    Command facts(int node) {
        String certname = name(node);
        SplittableRandom rnd = new SplittableRandom(node * 31L + 1);
        Instant at = runTime(node, 0);
        ObjectNode v = factsTemplate.deepCopy();
        String ip = "10." + (node >> 16 & 255) + "." + (node >> 8 & 255) + "." + (node & 255);
        String mac = String.format("02:fc:00:%02x:%02x:%02x", node >> 16 & 255, node >> 8 & 255, node & 255);
        String host = certname.substring(0, certname.indexOf('.'));
        for (String name : List.of("pp_run", "pp_ip", "pp_scratch", "pp_fail")) {
            v.remove(name);
        }
        v.put("fqdn", certname);
        v.put("hostname", host);
        v.put("domain", "bench.example.com");
        v.put("clientcert", certname);
        v.put("ipaddress", ip);
        v.put("ipaddress_eth0", ip);
        v.put("macaddress", mac);
        v.put("macaddress_eth0", mac);
        v.put("role", role(node));
        v.put("datacenter", "dc" + (node % 3 + 1));
        v.put("puppet_vardir", "/opt/puppetlabs/puppet/cache");
        v.put("agent_specified_environment", environment(node));
        ObjectNode networking = (ObjectNode) v.path("networking");
        networking.put("fqdn", certname);
        networking.put("hostname", host);
        networking.put("domain", "bench.example.com");
        networking.put("ip", ip);
        networking.put("mac", mac);
        ObjectNode eth0 = (ObjectNode) networking.path("interfaces").path("eth0");
        eth0.put("ip", ip);
        eth0.put("mac", mac);
        ((ObjectNode) eth0.path("bindings").path(0)).put("address", ip);
        long uptime = 3600L * (1 + rnd.nextInt(2000));
        ObjectNode uptimes = v.putObject("system_uptime");
        uptimes.put("days", uptime / 86400);
        uptimes.put("hours", uptime / 3600);
        uptimes.put("seconds", uptime);
        uptimes.put("uptime", (uptime / 86400) + " days");
        v.put("uptime_seconds", uptime);
        v.put("uptime_days", uptime / 86400);
        double free = 1024 + rnd.nextInt(20000) + rnd.nextDouble();
        v.put("memoryfree_mb", free);
        v.put("memoryfree", String.format("%.2f GiB", free / 1024));
        ObjectNode loads = v.putObject("load_averages");
        loads.put("1m", rnd.nextInt(400) / 100.0);
        loads.put("5m", rnd.nextInt(400) / 100.0);
        loads.put("15m", rnd.nextInt(400) / 100.0);
        v.put("sshed25519key", "AAAAC3NzaC1lZDI1NTE5AAAAI" + sha1(certname + "ed25519").substring(0, 40));
        v.put("sshrsakey", "AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + sha1(certname + "rsa").repeat(8));
        v.put("sshecdsakey", "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAy" + sha1(certname + "ecdsa").repeat(3));
        ObjectNode trusted = (ObjectNode) v.path("trusted");
        trusted.put("certname", certname);
        trusted.put("hostname", host);
        trusted.put("domain", "bench.example.com");
        trusted.put("authenticated", "remote");

        ObjectNode payload = F.objectNode();
        payload.put("certname", certname);
        payload.put("environment", environment(node));
        payload.put("producer_timestamp", at.toString());
        payload.put("producer", "puppet.bench.example.com");
        payload.set("values", v);
        return new Command("replace_facts", 5, certname, at, bytes(payload));
    }

    /** The node's catalog, compiled at its first run. */
    Command catalog(int node) {
        String certname = name(node);
        String role = role(node);
        Instant at = runTime(node, 0).plusMillis(900);
        List<ObjectNode> resources = new ArrayList<>();
        ArrayNode edges = F.arrayNode();
        String base = MODULES + "/profile/manifests/base.pp";
        String roleFile = MODULES + "/profile/manifests/" + role + ".pp";

        resources.add(resource("Stage", "main", null, 0, F.objectNode().put("name", "main"), "stage"));
        resources.add(resource("Class", "Settings", null, 0, F.objectNode(), "class", "settings"));
        resources.add(resource("Class", "main", null, 0, F.objectNode().put("name", "main"), "class"));
        String[] classes = {"Role::" + cap(role), "Profile::Base", "Profile::" + cap(role), "Ntp", "Ssh",
            "Users", "Monitoring"};
        for (String c : classes) {
            resources.add(resource("Class", c, MODULES + "/" + c.toLowerCase().replace("::", "/manifests/") + ".pp",
                    1, F.objectNode(), "class", c.toLowerCase()));
            edges.add(edge("Stage", "main", "Class", c, "contains"));
        }
        edges.add(edge("Stage", "main", "Class", "Settings", "contains"));
        edges.add(edge("Stage", "main", "Class", "main", "contains"));
        int line = 10;
        for (String pkg : PACKAGES) {
            boolean latest = pkg.startsWith("puppet") || pkg.equals("openssh-server");
            resources.add(resource("Package", pkg, base, line += 3,
                    F.objectNode().put("ensure", latest ? "latest" : "installed"), "package", "profile::base",
                    "profile", "base", "class"));
            edges.add(edge("Class", "Profile::Base", "Package", pkg, "contains"));
        }
        String[][] files = {{"/etc/motd", "welcome to " + certname + " (" + role + ")\n"},
            {"/etc/hostname", certname + "\n"}, {"/etc/ssh/sshd_config", "PermitRootLogin no\nPasswordAuthentication no\n"},
            {"/etc/chrony/chrony.conf", "pool 2.debian.pool.ntp.org iburst\n"},
            {"/etc/rsyslog.d/50-forward.conf", "*.* @@logs.bench.example.com:514\n"},
            {"/etc/sudoers.d/admins", "%admins ALL=(ALL) NOPASSWD: ALL\n"},
            {"/etc/apt/apt.conf.d/50unattended-upgrades", "Unattended-Upgrade::Origins-Pattern {};\n"},
            {"/etc/sysctl.d/60-net.conf", "net.core.somaxconn = 4096\n"},
            {"/etc/security/limits.d/nofile.conf", "* soft nofile 65536\n"},
            {"/etc/logrotate.d/app", "/var/log/app/*.log { daily rotate 7 }\n"},
            {"/etc/default/prometheus-node-exporter", "ARGS=\"--collector.systemd\"\n"},
            {"/etc/fail2ban/jail.local", "[sshd]\nenabled = true\n"},
            {"/etc/audit/rules.d/base.rules", "-w /etc/passwd -p wa -k identity\n"},
            {"/etc/profile.d/prompt.sh", "PS1='\\u@\\h:\\w\\$ '\n"},
            {"/etc/cron.d/puppet-report", "0 * * * * root /usr/local/bin/report\n"}};
        for (String[] f : files) {
            resources.add(resource("File", f[0], base, line += 4, F.objectNode().put("ensure", "file")
                    .put("owner", "root").put("group", "root").put("mode", "0644").put("content", f[1]), "file",
                    "profile::base", "profile", "base", "class"));
            edges.add(edge("Class", "Profile::Base", "File", f[0], "contains"));
        }
        for (int i = 0; i < 15; i++) {
            String path = "/srv/" + role + "/conf.d/" + String.format("%02d-setting.conf", i);
            resources.add(resource("File", path, roleFile, 20 + i * 3, F.objectNode().put("ensure", "file")
                    .put("owner", role).put("mode", "0640").put("content", "setting_" + i + " = " + (i * 17 % 5)
                            + "\n"), "file", "profile::" + role, "profile", role, "class"));
            edges.add(edge("Class", "Profile::" + cap(role), "File", path, "contains"));
        }
        for (String s : SERVICES) {
            resources.add(resource("Service", s, base, line += 3, F.objectNode().put("ensure", "running")
                    .put("enable", true), "service", "profile::base", "profile", "base", "class"));
            edges.add(edge("Class", "Profile::Base", "Service", s, "contains"));
        }
        resources.add(resource("Service", role, roleFile, 80, F.objectNode().put("ensure", "running")
                .put("enable", true).put("hasrestart", true), "service", "profile::" + role, "profile", role,
                "class"));
        edges.add(edge("Class", "Profile::" + cap(role), "Service", role, "contains"));
        for (String g : GROUPS) {
            resources.add(resource("Group", g, MODULES + "/users/manifests/init.pp", line += 2,
                    F.objectNode().put("ensure", "present").put("system", g.equals("monitor")), "group", "users",
                    "class"));
            edges.add(edge("Class", "Users", "Group", g, "contains"));
        }
        int uid = 2000;
        for (String u : USERS) {
            ObjectNode p = F.objectNode().put("ensure", "present").put("uid", uid).put("shell", "/bin/bash")
                    .put("home", "/home/" + u).put("managehome", true);
            p.putArray("groups").add("deploy").add(u.length() % 2 == 0 ? "admins" : "monitor");
            resources.add(resource("User", u, MODULES + "/users/manifests/init.pp", uid++ - 1990, p, "user",
                    "users", "class"));
            edges.add(edge("Class", "Users", "User", u, "contains"));
        }
        String[] execs = {"apt-get update", "update-ca-certificates", "sysctl --system", "systemctl daemon-reload"};
        for (String e : execs) {
            ObjectNode p = F.objectNode().put("command", "/usr/bin/" + e).put("refreshonly", !e.startsWith("apt"));
            p.putArray("path").add("/usr/bin").add("/usr/sbin").add("/bin");
            resources.add(resource("Exec", e, base, line += 5, p, "exec", "profile::base", "profile", "base",
                    "class"));
            edges.add(edge("Class", "Profile::Base", "Exec", e, "contains"));
        }
        for (String c : List.of("logrotate", "backup", "puppet-report")) {
            resources.add(resource("Cron", c, base, line += 3, F.objectNode().put("command", "/usr/local/bin/" + c)
                    .put("user", "root").put("hour", c.length() % 24).put("minute", 15), "cron", "profile::base",
                    "profile", "base", "class"));
            edges.add(edge("Class", "Profile::Base", "Cron", c, "contains"));
        }
        // exported for the fleet's collectors: an /etc/hosts entry, the host key, a line of the motd of the lbs
        ObjectNode hostParams = F.objectNode().put("ip", "10." + (node >> 16 & 255) + "." + (node >> 8 & 255) + "."
                + (node & 255)).put("target", "/etc/hosts");
        hostParams.putArray("host_aliases").add(certname.substring(0, certname.indexOf('.')));
        resources.add(exported(resource("Host", certname, base, 200, hostParams, "host", "profile::base",
                "profile", "base", "class")));
        resources.add(exported(resource("Sshkey", certname, base, 205, F.objectNode().put("type", "ssh-ed25519")
                .put("key", "AAAAC3NzaC1lZDI1NTE5AAAAI" + sha1(certname + "ed25519").substring(0, 40)), "sshkey",
                "profile::base", "profile", "base", "class")));
        resources.add(exported(resource("Concat::Fragment", "motd " + certname, roleFile, 90, F.objectNode()
                .put("target", "/etc/motd").put("content", certname + " serves " + role + "\n").put("order", "10"),
                "concat::fragment", "concat", "fragment", "profile::" + role, "class", role)));
        for (String t : List.of("Host", "Sshkey")) {
            edges.add(edge("Class", "Profile::Base", t, certname, "contains"));
        }
        edges.add(edge("Class", "Profile::" + cap(role), "Concat::Fragment", "motd " + certname, "contains"));
        // dependencies
        edges.add(edge("Package", "openssh-server", "File", "/etc/ssh/sshd_config", "before"));
        edges.add(edge("File", "/etc/ssh/sshd_config", "Service", "ssh", "notifies"));
        edges.add(edge("Package", "chrony", "Service", "chrony", "before"));
        edges.add(edge("File", "/etc/chrony/chrony.conf", "Service", "chrony", "notifies"));
        edges.add(edge("File", "/etc/sysctl.d/60-net.conf", "Exec", "sysctl --system", "notifies"));
        edges.add(edge("Package", "rsyslog", "File", "/etc/rsyslog.d/50-forward.conf", "before"));
        edges.add(edge("File", "/etc/rsyslog.d/50-forward.conf", "Service", "rsyslog", "notifies"));
        edges.add(edge("Group", "deploy", "User", "deploy", "before"));
        edges.add(edge("File", "/srv/" + role + "/conf.d/00-setting.conf", "Service", role, "notifies"));

        ObjectNode payload = F.objectNode();
        payload.put("certname", certname);
        payload.put("version", Long.toString(at.getEpochSecond()));
        payload.put("environment", environment(node));
        payload.put("transaction_uuid", uuid("txn", node, 0));
        payload.put("catalog_uuid", uuid("catalog", node, 0));
        payload.putNull("code_id");
        payload.putNull("job_id");
        payload.put("producer_timestamp", at.toString());
        payload.put("producer", "puppet.bench.example.com");
        payload.putArray("resources").addAll(resources);
        payload.set("edges", edges);
        return new Command("replace_catalog", 9, certname, at, bytes(payload));
    }

    /** The report of the node's run {@code run} (0 is the first). */
    Command report(int node, int run) {
        String certname = name(node);
        String role = role(node);
        SplittableRandom rnd = new SplittableRandom(node * 1_000_003L + run);
        Instant start = runTime(node, run).plusMillis(1500);
        boolean failed = (node + run) % 10 == 3;
        String base = MODULES + "/profile/manifests/base.pp";
        ArrayNode resources = F.arrayNode();
        ArrayNode logs = F.arrayNode();
        long t = 0;
        logs.add(log(null, null, "info", "Using environment '" + environment(node) + "'", "Puppet",
                start.plusMillis(t += 5), "info"));
        logs.add(log(null, null, "info", "Applying configuration version '" + runTime(node, 0).getEpochSecond()
                + "'", "Puppet", start.plusMillis(t += 700 + rnd.nextInt(300)), "info"));
        int successes = 0;
        int failures = 0;
        int skipped = 0;
        // a config file of the role's that drifted, a package upgraded, and the service restarted by refresh
        String conf = "/srv/" + role + "/conf.d/" + String.format("%02d-setting.conf", run % 15);
        t += 20 + rnd.nextInt(30);
        String from = sha256(conf + (run - 1));
        String to = sha256(conf + run);
        resources.add(status("File", conf, MODULES + "/profile/manifests/" + role + ".pp", 20 + run % 15 * 3,
                start.plusMillis(t), false, role, event("success", start.plusMillis(t + 2), "content_changed",
                        "content", "{sha256}" + to, "{sha256}" + from, "content changed '{sha256}" + from
                                + "' to '{sha256}" + to + "'")));
        logs.add(log(MODULES + "/profile/manifests/" + role + ".pp", 20 + run % 15 * 3, "notice",
                "content changed '{sha256}" + from + "' to '{sha256}" + to + "'", "/Stage[main]/Profile::"
                        + cap(role) + "/File[" + conf + "]/content", start.plusMillis(t + 3), "notice", "file"));
        successes++;
        String pkg = PACKAGES[(node + run) % PACKAGES.length];
        String oldVersion = "1." + run + ".0-1";
        String newVersion = "1." + (run + 1) + ".0-1";
        t += 400 + rnd.nextInt(2000);
        resources.add(status("Package", pkg, base, 13, start.plusMillis(t), false, "base",
                event("success", start.plusMillis(t + 1), "ensure_changed", "ensure", newVersion, oldVersion,
                        "ensure changed '" + oldVersion + "' to '" + newVersion + "'")));
        logs.add(log(base, 13, "notice", "ensure changed '" + oldVersion + "' to '" + newVersion + "'",
                "/Stage[main]/Profile::Base/Package[" + pkg + "]/ensure", start.plusMillis(t + 2), "notice",
                "package"));
        successes++;
        t += 300 + rnd.nextInt(900);
        resources.add(status("Service", role, MODULES + "/profile/manifests/" + role + ".pp", 80,
                start.plusMillis(t), false, role, event("success", start.plusMillis(t + 1), null, null,
                        null, null, "Triggered 'refresh' from 1 event")));
        logs.add(log(MODULES + "/profile/manifests/" + role + ".pp", 80, "notice",
                "Triggered 'refresh' from 1 event", "/Stage[main]/Profile::" + cap(role) + "/Service[" + role + "]",
                start.plusMillis(t + 2), "notice", "service"));
        successes++;
        t += 100 + rnd.nextInt(500);
        if (failed) {
            resources.add(status("Exec", "apt-get update", base, 120, start.plusMillis(t), false, "base",
                    event("failure", start.plusMillis(t + 900), "executed_command", "returns", "[\"0\"]", "notrun",
                            "change from 'notrun' to ['0'] failed: '/usr/bin/apt-get update' returned 100 instead"
                                    + " of one of [0]")));
            logs.add(log(null, null, "err", "'/usr/bin/apt-get update' returned 100 instead of one of [0]",
                    "Puppet", start.plusMillis(t + 900), "err"));
            logs.add(log(base, 120, "err", "change from 'notrun' to ['0'] failed: '/usr/bin/apt-get update'"
                    + " returned 100 instead of one of [0]", "/Stage[main]/Profile::Base/Exec[apt-get update]/returns",
                    start.plusMillis(t + 901), "err", "exec"));
            failures++;
            t += 1000;
            resources.add(status("Exec", "update-ca-certificates", base, 125, start.plusMillis(t), true, "base"));
            logs.add(log(base, 125, "warning", "Skipping because of failed dependencies",
                    "/Stage[main]/Profile::Base/Exec[update-ca-certificates]", start.plusMillis(t + 1), "warning",
                    "exec"));
            skipped++;
        } else if (run % 2 == 0) {
            resources.add(status("Exec", "apt-get update", base, 120, start.plusMillis(t), false, "base",
                    event("success", start.plusMillis(t + 800), "executed_command", "returns", "[\"0\"]", "notrun",
                            "executed successfully")));
            logs.add(log(base, 120, "notice", "executed successfully",
                    "/Stage[main]/Profile::Base/Exec[apt-get update]/returns", start.plusMillis(t + 801), "notice",
                    "exec"));
            successes++;
        }
        t += 50 + rnd.nextInt(200);
        long applied = t;
        logs.add(log(null, null, "notice", String.format("Applied catalog in %.2f seconds", applied / 1000.0),
                "Puppet", start.plusMillis(t), "notice"));
        Instant end = start.plusMillis(t + 3);

        ArrayNode metrics = F.arrayNode();
        int changed = successes;
        metric(metrics, "resources", "changed", changed);
        metric(metrics, "resources", "corrective_change", 0);
        metric(metrics, "resources", "failed", failures);
        metric(metrics, "resources", "failed_to_restart", 0);
        metric(metrics, "resources", "out_of_sync", changed + failures);
        metric(metrics, "resources", "restarted", 1);
        metric(metrics, "resources", "scheduled", 0);
        metric(metrics, "resources", "skipped", skipped);
        metric(metrics, "resources", "total", 104);
        metric(metrics, "time", "catalog_application", applied / 1000.0);
        metric(metrics, "time", "config_retrieval", 1 + rnd.nextDouble() * 3);
        metric(metrics, "time", "exec", rnd.nextDouble());
        metric(metrics, "time", "file", rnd.nextDouble() / 2);
        metric(metrics, "time", "filebucket", rnd.nextDouble() / 1000);
        metric(metrics, "time", "package", 1 + rnd.nextDouble() * 2);
        metric(metrics, "time", "schedule", rnd.nextDouble() / 100);
        metric(metrics, "time", "service", rnd.nextDouble());
        metric(metrics, "time", "total", applied / 1000.0 + 0.2);
        metric(metrics, "time", "transaction_evaluation", applied / 1000.0 - 0.05);
        metric(metrics, "changes", "total", changed);
        metric(metrics, "events", "failure", failures);
        metric(metrics, "events", "success", successes);
        metric(metrics, "events", "total", successes + failures);

        ObjectNode payload = F.objectNode();
        payload.put("certname", certname);
        payload.putNull("job_id");
        payload.put("puppet_version", "7.23.0");
        payload.put("report_format", 12);
        payload.put("configuration_version", Long.toString(runTime(node, 0).getEpochSecond()));
        payload.put("producer_timestamp", end.plusMillis(40).toString());
        payload.put("start_time", start.toString());
        payload.put("end_time", end.toString());
        payload.put("environment", environment(node));
        payload.put("transaction_uuid", uuid("txn", node, run));
        payload.put("status", failed ? "failed" : "changed");
        payload.put("noop", false);
        payload.put("noop_pending", false);
        payload.put("corrective_change", false);
        payload.put("catalog_uuid", uuid("catalog", node, 0));
        payload.putNull("code_id");
        payload.put("cached_catalog_status", "not_used");
        payload.put("producer", "puppet.bench.example.com");
        payload.set("logs", logs);
        payload.set("metrics", metrics);
        payload.set("resources", resources);
        return new Command("store_report", 8, certname, end.plusMillis(40), bytes(payload));
    }

    private static ObjectNode resource(String type, String title, String file, int line, ObjectNode params,
            String... tags) {
        ObjectNode r = F.objectNode();
        r.put("type", type);
        r.put("title", title);
        ArrayNode t = r.putArray("tags");
        for (String tag : tags) {
            t.add(tag);
        }
        if (file != null) {
            r.put("file", file);
            r.put("line", line);
        }
        r.put("exported", false);
        r.set("parameters", params);
        return r;
    }

    private static ObjectNode exported(ObjectNode resource) {
        resource.put("exported", true);
        return resource;
    }

    private static ObjectNode edge(String sourceType, String sourceTitle, String targetType, String targetTitle,
            String relationship) {
        ObjectNode e = F.objectNode();
        e.putObject("source").put("type", sourceType).put("title", sourceTitle);
        e.putObject("target").put("type", targetType).put("title", targetTitle);
        e.put("relationship", relationship);
        return e;
    }

    private static ObjectNode status(String type, String title, String file, int line, Instant at, boolean skipped,
            String profile, ObjectNode... events) {
        ObjectNode r = F.objectNode();
        r.put("skipped", skipped);
        r.put("timestamp", at.toString());
        r.put("resource_type", type);
        r.put("resource_title", title);
        r.put("file", file);
        r.put("line", line);
        r.putArray("containment_path").add("Stage[main]").add("Profile::" + cap(profile))
                .add(type + "[" + title + "]");
        r.put("corrective_change", false);
        ArrayNode e = r.putArray("events");
        for (ObjectNode event : events) {
            e.add(event);
        }
        return r;
    }

    private static ObjectNode event(String status, Instant at, String name, String property, String newValue,
            String oldValue, String message) {
        ObjectNode e = F.objectNode();
        e.put("status", status);
        e.put("timestamp", at.toString());
        e.put("name", name);
        e.put("property", property);
        e.put("new_value", newValue);
        e.put("old_value", oldValue);
        e.put("corrective_change", false);
        e.put("message", message);
        return e;
    }

    private static ObjectNode log(String file, Integer line, String level, String message, String source,
            Instant at, String... tags) {
        ObjectNode l = F.objectNode();
        l.put("file", file);
        l.put("line", line);
        l.put("level", level);
        l.put("message", message);
        l.put("source", source);
        ArrayNode t = l.putArray("tags");
        for (String tag : tags) {
            t.add(tag);
        }
        if (file != null) {
            t.add("class");
        }
        l.put("time", at.toString());
        return l;
    }

    private static void metric(ArrayNode metrics, String category, String name, double value) {
        ObjectNode m = metrics.addObject().put("category", category).put("name", name);
        if (value == Math.rint(value)) {
            m.put("value", (long) value);
        } else {
            m.put("value", value);
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String uuid(String kind, int node, int run) {
        return UUID.nameUUIDFromBytes((kind + "/" + node + "/" + run).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sha1(String s) {
        return digest("SHA-1", s);
    }

    private static String sha256(String s) {
        return digest("SHA-256", s);
    }

    private static String digest(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
