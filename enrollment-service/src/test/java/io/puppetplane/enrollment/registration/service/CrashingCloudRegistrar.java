package io.puppetplane.enrollment.registration.service;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import io.puppetplane.enrollment.registration.config.RegistrationConfig;
import io.puppetplane.enrollment.ssh.service.CommandResult;
import io.puppetplane.enrollment.ssh.service.RemoteCommandException;
import io.puppetplane.enrollment.ssh.service.SshCommandRunner;

/**
 * The real registrar, which a test can arm to "crash" right after the next registration command has really run
 * and before its completion is recorded — the window that decides at-most-once versus at-least-once.
 */
@Alternative
@Priority(1)
@Singleton
public class CrashingCloudRegistrar extends CloudRegistrar {

    private final AtomicBoolean crashAfterNextCommand = new AtomicBoolean();

    @Inject
    CrashingCloudRegistrar(RegistrationConfig config, SshCommandRunner ssh) {
        super(config, ssh);
    }

    public void crashAfterNextCommand() {
        crashAfterNextCommand.set(true);
    }

    public void disarm() {
        crashAfterNextCommand.set(false);
    }

    @Override
    public CommandResult run(String command) throws RemoteCommandException {
        CommandResult result = super.run(command);
        if (crashAfterNextCommand.getAndSet(false)) {
            throw new SimulatedCrash("the service died after running: " + command);
        }
        return result;
    }

    /** Stands for the process dying: nothing after the command is recorded. */
    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }
}
