package io.puppetplane.enrollment.ssh.service;

/** How a command ended: its exit status and its output (stdout and stderr, trimmed for messages). */
public record CommandResult(int exitStatus, String stdout, String stderr) {

    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** A one-line account for failure reasons. */
    public String summary() {
        String detail = (stderr.isBlank() ? stdout : stderr).strip();
        if (detail.length() > 300) {
            detail = detail.substring(0, 300) + "…";
        }
        return "exit " + exitStatus + (detail.isEmpty() ? "" : ": " + detail);
    }
}
