package io.puppetplane.events.payload;

/**
 * A provisioning system installed a machine. {@code kind} is {@code bare-metal} (enrolled over SSH) or
 * {@code cloud-instance} (enrolled by its first-run script).
 */
public record MachineAnnounced(String certname, String address, String role, String kind) {
}
