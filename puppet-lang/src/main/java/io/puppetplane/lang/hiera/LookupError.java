package io.puppetplane.lang.hiera;

/**
 * A lookup failed: no value and no default, a malformed hiera.yaml or data file, an unsupported backend, an
 * interpolation loop. The message is worded as Ruby Puppet words it, e.g.
 * {@code Function lookup() did not find a value for the name 'x'}.
 */
public class LookupError extends RuntimeException {

    public LookupError(String message) {
        super(message);
    }

    public LookupError(String message, Throwable cause) {
        super(message, cause);
    }
}
